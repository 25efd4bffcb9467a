/**
 * Custom access token claims.
 *
 * Adds "tenant" (env.TENANT_ID), "plan" (the user's "plan" custom field, else
 * env.DEFAULT_PLAN) and "email" to access tokens issued to people. Access tokens for
 * machine accounts (user is null, context.accessTokenTarget is
 * "programmaticAccount") are issued unchanged.
 */
async function pipe(user, context, callback) {
  if (!user || context.accessTokenTarget === 'programmaticAccount') {
    log('machine account: no user claims added');
    return callback(null, user, context);
  }

  if (env.TENANT_ID) user.addAccessToken('tenant', env.TENANT_ID);
  user.addAccessToken('plan', user.plan || env.DEFAULT_PLAN || 'free');
  if (user.email) user.addAccessToken('email', user.email);
  return callback(null, user, context);
}
