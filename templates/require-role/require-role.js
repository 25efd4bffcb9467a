/**
 * Require a role for an app.
 *
 * For the apps in env.ROLE_APPS (every app when empty), reads the user's roles
 * with authing.users.listRoles and refuses the sign-in unless one of them is in
 * env.REQUIRED_ROLES ("admin,support"). When the roles cannot be read, it refuses too.
 */
async function pipe(user, context, callback) {
  const list = (value) =>
    String(value || '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const apps = list(env.ROLE_APPS);
  if (apps.length > 0 && !apps.includes(context.appId)) {
    return callback(null, user, context);
  }

  const required = list(env.REQUIRED_ROLES);
  let roles;
  try {
    roles = ((await authing.users.listRoles(user.id)) || {}).list || [];
  } catch (err) {
    log(`listRoles failed for ${user.id}: ${err.message}`);
    return callback(new Error('We could not check your access right now. Please try again in a moment.'));
  }
  const codes = roles.map((role) => role.code);
  if (!codes.some((code) => required.includes(code))) {
    log(`${user.id} has roles [${codes.join(', ')}], needs one of [${required.join(', ')}]`);
    return callback(
      new Error(
        `You do not have access to ${context.appName || 'this application'}. Ask an administrator for the ${required.join(' or ')} role.`,
      ),
    );
  }
  return callback(null, user, context);
}
