/**
 * Custom ID token claims.
 *
 * Adds <namespace>company, <namespace>email_domain and <namespace>locale, plus the
 * custom user fields listed in env.CLAIM_CUSTOM_FIELDS, where the namespace is
 * env.CLAIM_NAMESPACE (e.g. "https://example.com/"). A phone number that was not
 * verified is removed from the token.
 */
async function pipe(user, context, callback) {
  const ns = env.CLAIM_NAMESPACE || '';

  if (user.company) user.addIdToken(`${ns}company`, user.company);
  if (user.email && user.email.includes('@')) {
    user.addIdToken(`${ns}email_domain`, user.email.split('@').pop().toLowerCase());
  }
  const locale = (context.request && context.request.query && context.request.query.ui_locales) || 'en';
  user.addIdToken(`${ns}locale`, String(locale).split(' ')[0]);

  const fields = String(env.CLAIM_CUSTOM_FIELDS || '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const field of fields) {
    if (user[field] !== undefined && user[field] !== null) user.addIdToken(`${ns}${field}`, user[field]);
  }

  if (user.phoneVerified !== true) user.removeIdToken('phone_number');
  return callback(null, user, context);
}
