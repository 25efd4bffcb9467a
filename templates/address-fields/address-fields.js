/**
 * Postal address.
 *
 * Reads street (address), city, region, postalCode and country from the submitted
 * form (context.request.body), falling back to what the profile already holds.
 * Refuses a missing street or a postal code that does not fit the country, then
 * stores the address in the standard fields and a one-line "formattedAddress".
 */
async function pipe(user, context, callback) {
  const form = (context.request && context.request.body) || {};
  const pick = (key) => String(form[key] || user[key] || '').trim();

  const street = pick('address');
  const city = pick('city');
  const region = pick('region');
  const postalCode = pick('postalCode').toUpperCase();
  const country = (pick('country') || env.DEFAULT_COUNTRY || '').toUpperCase();

  if (!street) {
    return callback(new Error('Please enter your street address.'));
  }

  const formats = {
    CN: [/^\d{6}$/, '310000'],
    DE: [/^\d{5}$/, '10115'],
    FR: [/^\d{5}$/, '75008'],
    US: [/^\d{5}(-\d{4})?$/, '94105'],
    JP: [/^\d{3}-?\d{4}$/, '100-0001'],
    GB: [/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'SW1A 1AA'],
  };
  const format = formats[country];
  if (postalCode && format && !format[0].test(postalCode)) {
    return callback(
      new Error(
        `The postal code "${postalCode}" does not look right for ${country}; it should look like ${format[1]}.`,
      ),
    );
  }

  user.address = street;
  user.postalCode = postalCode || null;
  user.region = region || user.region || null;
  user.country = country || user.country || null;
  if (city) user.addCustomData('city', city);
  const cityLine = [postalCode, city].filter(Boolean).join(' ');
  user.addCustomData('formattedAddress', [street, cityLine, region, country].filter(Boolean).join(', '));
  return callback(null, user, context);
}
