/**
 * Add to a group by e-mail domain.
 *
 * env.GROUPS_BY_DOMAIN maps domains to group codes:
 *   "example.com=staff,partner.example.org=partners"
 * A new user whose e-mail domain is listed is added to that group with the
 * management client (authing.groups.addUsers). Other users are left alone.
 */
async function pipe(user, context, callback) {
  const mapping = {};
  for (const pair of String(env.GROUPS_BY_DOMAIN || '').split(',')) {
    const [domain, group] = pair.split('=').map((part) => (part || '').trim());
    if (domain && group) mapping[domain.toLowerCase()] = group;
  }

  const email = String(user.email || '').toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const group = email.includes('@') ? mapping[domain] : undefined;
  if (!group) {
    log(`no group for ${domain || 'a user without e-mail'}`);
    return callback(null, user, context);
  }

  try {
    await authing.groups.addUsers(group, [user.id]);
    log(`added ${user.id} to group ${group}`);
  } catch (err) {
    // Registration already happened; report it so an administrator can add the user by hand.
    return callback(new Error(`Could not add ${user.id} to group ${group}: ${err.message}`));
  }
  return callback(null, user, context);
}
