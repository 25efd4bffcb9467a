/**
 * Record where a user signed up.
 *
 * Writes custom fields signupApp, signupProtocol, signupAt (ISO time) and, when the
 * sign-up page URL carried them, utmSource and utmCampaign (from
 * context.request.query).
 */
async function pipe(user, context, callback) {
  const query = (context.request && context.request.query) || {};

  user.addCustomData('signupApp', context.appName || context.appId || 'unknown');
  user.addCustomData('signupProtocol', context.protocol || 'unknown');
  user.addCustomData('signupAt', new Date().toISOString());
  if (query.utm_source) user.addCustomData('utmSource', String(query.utm_source));
  if (query.utm_campaign) user.addCustomData('utmCampaign', String(query.utm_campaign));

  return callback(null, user, context);
}
