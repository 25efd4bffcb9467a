/**
 * Block a connection.
 *
 * Refuses sign-in through the identity sources in env.BLOCKED_CONNECTIONS
 * (compared with context.connection, e.g. "github,wechat-pc") and through the
 * protocols in env.BLOCKED_PROTOCOLS (e.g. "ldap"). Matching ignores case.
 */
async function pipe(user, context, callback) {
  const list = (value) =>
    String(value || '')
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean);
  const connection = String(context.connection || '').toLowerCase();
  const protocol = String(context.protocol || '').toLowerCase();

  if (connection && list(env.BLOCKED_CONNECTIONS).includes(connection)) {
    log(`refused connection ${connection}`);
    return callback(
      new Error(
        `Signing in with ${context.connection} is turned off. Please use your company account instead.`,
      ),
    );
  }
  if (protocol && list(env.BLOCKED_PROTOCOLS).includes(protocol)) {
    log(`refused protocol ${protocol}`);
    return callback(
      new Error(`Signing in by ${protocol} is turned off. Please choose another way to sign in.`),
    );
  }
  return callback(null, user, context);
}
