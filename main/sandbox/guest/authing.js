// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 8: `authing`, the management client. Any dotted method path can be called;
// each call is recorded and answered from the fixture's `authing` recordings (method + equal args).

/** JSON with sorted keys, so recorded and actual arguments compare by value. */
function canonical(value) {
  if (ArrayIsArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${canonical(value[i])}`;
    return `${out}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = ArraySort(ObjectKeys(value));
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      out += `${i > 0 ? ',' : ''}${JSONStringify(keys[i])}:${canonical(value[keys[i]])}`;
    }
    return `${out}}`;
  }
  return JSONStringify(value) ?? 'null';
}

function authingCall(stage, method, args) {
  const copied = jsonCopy(args, `the arguments of authing.${method}`);
  const call = { __proto__: null, method, args: copied };
  append(stage.authing, call);
  const key = canonical(copied);
  for (let i = 0; i < run.authing.length; i++) {
    const recording = run.authing[i];
    if (ownData(recording, 'method') !== method || canonical(ownData(recording, 'args') ?? []) !== key)
      continue;
    const recordedError = ownData(recording, 'error');
    if (typeof recordedError === 'string') {
      call.error = recordedError;
      return PromiseReject(new ErrorCtor(recordedError));
    }
    const result = ownData(recording, 'result') ?? null;
    call.result = result;
    return PromiseThen(PromiseResolve(undefined), () => JSONParse(JSONStringify(result)));
  }
  let shown = '';
  for (let i = 0; i < copied.length; i++) shown += `${i > 0 ? ', ' : ''}${JSONStringify(copied[i])}`;
  const message = `no recorded response for authing.${method}(${shown}): add it to the fixture's "authing" list`;
  call.error = message;
  if (stage.forcedError === null) stage.forcedError = message;
  return PromiseReject(new ErrorCtor(message));
}

function makeAuthing() {
  const build = (path) =>
    new ProxyCtor(() => undefined, {
      get(_target, property) {
        if (typeof property !== 'string' || property === 'then' || property === 'toJSON') return undefined;
        return build(path === '' ? property : `${path}.${property}`);
      },
      apply(_target, _self, args) {
        if (path === '')
          return PromiseReject(new TypeErrorCtor('authing is not a function: call one of its methods'));
        const stage = currentStage();
        if (stage === null)
          return PromiseReject(new ErrorCtor(`authing.${path} was called after its stage had ended`));
        return authingCall(stage, path, args);
      },
      set() {
        return false;
      },
      defineProperty() {
        return false;
      },
    });
  return build('');
}
