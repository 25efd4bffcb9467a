/**
 * IP range allow-list.
 *
 * Accepts the request only when it comes from one of env.ALLOWED_IP_RANGES,
 * e.g. "10.0.0.1-10.0.255.255,203.0.113.7" (ranges are inclusive; a single
 * address is a range of one). Uses ipRangeCheck from the platform's ./utils.
 */
async function pipe(user, context, callback) {
  const { ipRangeCheck } = require('./utils');
  const ip = (context.request && context.request.ip) || context.ip;

  const ranges = String(env.ALLOWED_IP_RANGES || '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [start, end] = r.split('-').map((part) => part.trim());
      return [start, end || start];
    });

  if (!ip) {
    return callback(
      new Error('Your network address could not be determined. Please contact your administrator.'),
    );
  }
  if (ranges.some((range) => ipRangeCheck(ip, range))) {
    return callback(null, user, context);
  }
  log(`refused ${ip}: outside ${ranges.map((r) => r.join('-')).join(', ')}`);
  return callback(
    new Error('Sign-in is only allowed from the company network. Connect to the VPN and try again.'),
  );
}
