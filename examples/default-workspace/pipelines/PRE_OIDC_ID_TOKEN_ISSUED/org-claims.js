/**
 * Organisations in the ID token.
 *
 * authing.users.listOrgs(userId) answers one path per membership, from the
 * organisation down to the department, e.g.
 *   [[{ type: 'org', code: 'example', name: 'Example Inc' },
 *     { type: 'node', code: 'eng', name: 'Engineering' }]]
 * The organisation codes go into env.ORGS_CLAIM ("orgs") and the paths, joined
 * with "/", into env.DEPARTMENTS_CLAIM ("departments").
 */
async function pipe(user, context, callback) {
  const paths = (await authing.users.listOrgs(user.id)) || [];

  const orgs = [];
  const departments = [];
  for (const path of paths) {
    const nodes = Array.isArray(path) ? path : [path];
    const org = nodes.find((node) => node.type === 'org') || nodes[0];
    if (org && !orgs.includes(org.code)) orgs.push(org.code);
    if (nodes.length > 0) departments.push(nodes.map((node) => node.name).join('/'));
  }

  user.addIdToken(env.ORGS_CLAIM || 'orgs', orgs);
  user.addIdToken(env.DEPARTMENTS_CLAIM || 'departments', departments);
  return callback(null, user, context);
}
