/**
 * Require a verified phone number.
 *
 * Refuses sign-in while the account has no phone number or user.phoneVerified is
 * not true. env.PHONE_REQUIRED_APPS limits the rule to some app ids; when it is
 * empty the rule applies to every app.
 */
async function pipe(user, context, callback) {
  const apps = String(env.PHONE_REQUIRED_APPS || '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (apps.length > 0 && !apps.includes(context.appId)) {
    return callback(null, user, context);
  }

  if (!user.phone) {
    return callback(new Error('Please add a mobile number in your profile to use this app.'));
  }
  if (user.phoneVerified !== true) {
    const tail = String(user.phone).slice(-4);
    return callback(new Error(`Please verify your mobile number ending in ${tail} before signing in.`));
  }
  return callback(null, user, context);
}
