/**
 * Groups in the access token.
 *
 * Puts the codes of the user's groups (authing.users.listGroups) into the access
 * token claim env.GROUPS_CLAIM ("groups" when unset). Tokens for machine accounts
 * (user is null) are issued unchanged.
 */
async function pipe(user, context, callback) {
  if (!user) {
    return callback(null, user, context);
  }
  const result = await authing.users.listGroups(user.id);
  const codes = ((result && result.list) || []).map((group) => group.code);
  user.addAccessToken(env.GROUPS_CLAIM || 'groups', codes);
  return callback(null, user, context);
}
