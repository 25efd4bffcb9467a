/**
 * Roles in the ID token.
 *
 * Puts the codes of the user's roles (authing.users.listRoles) into the claim
 * named env.ROLES_CLAIM ("roles" when unset), e.g. "roles": ["admin", "staff"].
 * env.ROLES_NAMESPACE selects a role namespace other than the default one.
 * When the roles cannot be read, the token is refused rather than issued without them.
 */
async function pipe(user, context, callback) {
  const claim = env.ROLES_CLAIM || 'roles';
  let result;
  try {
    result = env.ROLES_NAMESPACE
      ? await authing.users.listRoles(user.id, env.ROLES_NAMESPACE)
      : await authing.users.listRoles(user.id);
  } catch (err) {
    // A token without roles would silently downgrade the user; refuse instead.
    log(`listRoles failed for ${user.id}: ${err.message}`);
    return callback(new Error('We could not load your permissions. Please sign in again in a moment.'));
  }

  const codes = ((result && result.list) || []).map((role) => role.code);
  user.addIdToken(claim, codes);
  log(`${user.id}: ${claim} = [${codes.join(', ')}]`);
  return callback(null, user, context);
}
