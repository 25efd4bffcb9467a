/**
 * Allow or block countries.
 *
 * Reads the country of the request's IP (context.request.geo.country, or the older
 * context.geo). Countries in env.BLOCKED_COUNTRIES are refused; when
 * env.ALLOWED_COUNTRIES is set, every country not in it is refused too. A request
 * whose country is unknown is accepted only when no ALLOWED_COUNTRIES list is set.
 */
async function pipe(user, context, callback) {
  const list = (value) =>
    String(value || '')
      .split(',')
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean);
  const geo = (context.request && context.request.geo) || context.geo || {};
  const country = String(geo.country || '').toUpperCase();
  const blocked = list(env.BLOCKED_COUNTRIES);
  const allowed = list(env.ALLOWED_COUNTRIES);

  if (country && blocked.includes(country)) {
    log(`refused: request from ${country}`);
    return callback(new Error('Sign-in is not available in your region.'));
  }
  if (allowed.length > 0 && !allowed.includes(country)) {
    log(`refused: ${country || 'unknown country'} is not in ALLOWED_COUNTRIES`);
    return callback(new Error('Sign-in is not available in your region.'));
  }
  return callback(null, user, context);
}
