/**
 * Record location from the IP.
 *
 * Writes the request's IP and its location (context.request.geo: country,
 * province, city) as custom fields named <prefix>Ip, <prefix>Country,
 * <prefix>Province and <prefix>City, where the prefix is env.LOCATION_FIELD_PREFIX
 * ("lastLogin" when unset). Parts the IP lookup did not find are not written.
 */
async function pipe(user, context, callback) {
  const prefix = env.LOCATION_FIELD_PREFIX || 'lastLogin';
  const request = context.request || {};
  const ip = request.ip || context.ip;
  const geo = request.geo || context.geo || {};

  const fields = { Ip: ip, Country: geo.country, Province: geo.province, City: geo.city };
  for (const [name, value] of Object.entries(fields)) {
    if (value) user.addCustomData(`${prefix}${name}`, value);
  }
  return callback(null, user, context);
}
