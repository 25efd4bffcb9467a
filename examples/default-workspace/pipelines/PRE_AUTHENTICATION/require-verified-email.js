/**
 * Require a verified e-mail address.
 *
 * Refuses sign-in while user.emailVerified is not true. Protocols listed in
 * env.EXEMPT_PROTOCOLS (e.g. "saml,oidc": the enterprise IdP vouches for the
 * address) are let through.
 */
async function pipe(user, context, callback) {
  const exempt = String(env.EXEMPT_PROTOCOLS || '')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (exempt.includes(String(context.protocol || '').toLowerCase())) {
    return callback(null, user, context);
  }

  if (!user.email) {
    return callback(new Error('Please add an e-mail address to your account before signing in.'));
  }
  if (user.emailVerified !== true) {
    return callback(
      new Error(`Please confirm your e-mail address first: open the link we sent to ${user.email}.`),
    );
  }
  return callback(null, user, context);
}
