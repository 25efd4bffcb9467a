// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 7: `axios`, answered from the fixture's recordings in replay and by the host
// (allow-listed hosts only) in live mode. Every exchange lands in the stage trace.

function buildUrl(config) {
  let url = StringCtor(config.url ?? '');
  if (config.baseURL && !RegExpTest(/^[a-z][a-z0-9+.-]*:\/\//i, url)) {
    url = `${StringReplace(StringCtor(config.baseURL), /\/+$/, '')}/${StringReplace(url, /^\/+/, '')}`;
  }
  const params = config.params;
  if (params !== undefined && params !== null) {
    const text =
      params instanceof URLSearchParams
        ? params.toString()
        : typeof params === 'object'
          ? paramsToQuery(params)
          : StringCtor(params);
    if (text) url += `${StringIndexOf(url, '?') >= 0 ? '&' : '?'}${text}`;
  }
  return url;
}

function paramsToQuery(params) {
  const out = [];
  const keys = ObjectKeys(params);
  for (let i = 0; i < keys.length; i++) {
    const value = params[keys[i]];
    if (value === undefined || value === null) continue;
    const values = ArrayIsArray(value) ? value : [value];
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      const text =
        typeof v === 'object' && v !== null
          ? dateTime(v) !== undefined
            ? DateToISOString(v)
            : JSONStringify(v)
          : StringCtor(v);
      append(
        out,
        `${encodeURIComponentFn(keys[i])}${ArrayIsArray(value) ? '[]' : ''}=${encodeURIComponentFn(text)}`,
      );
    }
  }
  return ArrayJoin(out, '&');
}

function makeAxiosError(message, code, config, response) {
  const error = new ErrorCtor(message);
  error.name = 'AxiosError';
  error.code = code;
  error.isAxiosError = true;
  error.config = config;
  if (response !== undefined) error.response = response;
  return error;
}

/** Finds the recording for one request: the first unused match, else the last match again. */
function findRecording(run, method, url) {
  let last = -1;
  for (let i = 0; i < run.http.length; i++) {
    const recording = run.http[i];
    if (StringToUpperCase(StringCtor(recording.request.method)) !== method || recording.request.url !== url)
      continue;
    last = i;
    if (!SetHas(run.usedHttp, i)) {
      SetAdd(run.usedHttp, i);
      return recording;
    }
  }
  return last >= 0 ? run.http[last] : null;
}

function makeAxios(defaults) {
  const request = (config) => {
    const stage = currentStage();
    if (stage === null) return PromiseReject(new ErrorCtor('axios was called after its stage had ended'));
    const merged = ObjectAssign({}, defaults, config ?? {});
    merged.headers = ObjectAssign({}, defaults.headers ?? {}, config?.headers ?? {});
    const method = StringToUpperCase(StringCtor(merged.method ?? 'get'));
    const url = buildUrl(merged);
    const data = merged.data;
    const exchange = { __proto__: null, method, url };
    if (data !== undefined) exchange.requestBody = typeof data === 'string' ? data : jsonCopyOr(data);
    append(stage.http, exchange);
    const respond = (answer) => {
      exchange.status = ownData(answer, 'status');
      exchange.responseBody = ownData(answer, 'body');
      if (ownData(answer, 'headers') !== undefined) exchange.responseHeaders = ownData(answer, 'headers');
      const response = {
        status: ownData(answer, 'status'),
        statusText: ownData(answer, 'statusText') ?? '',
        headers: ownData(answer, 'headers') ?? {},
        data: ownData(answer, 'body'),
        config: merged,
        request: {},
      };
      const validate =
        typeof merged.validateStatus === 'function' ? merged.validateStatus : (s) => s >= 200 && s < 300;
      if (validate(response.status)) return response;
      throw makeAxiosError(
        `Request failed with status code ${response.status}`,
        response.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
        merged,
        response,
      );
    };
    if (run.live !== null) {
      return PromiseThen(
        liveRequest(stage, { method, url, headers: merged.headers, body: exchange.requestBody }),
        (answer) => {
          const failure = ownData(answer, 'error');
          if (failure !== undefined) {
            exchange.error = failure;
            throw makeAxiosError(failure, 'ERR_NETWORK', merged, undefined);
          }
          return respond(answer);
        },
      );
    }
    const recording = findRecording(run, method, url);
    if (recording === null) {
      const message = `no recorded response for ${method} ${url}`;
      exchange.error = message;
      if (stage.forcedError === null) stage.forcedError = message;
      return PromiseReject(makeAxiosError(message, 'ERR_NO_RECORDING', merged, undefined));
    }
    const recorded = ownData(recording, 'response') ?? {};
    const answer = {
      __proto__: null,
      status: ownData(recorded, 'status') ?? 200,
      headers: jsonCopy(ownData(recorded, 'headers') ?? {}, 'the recorded headers'),
      body: jsonCopy(ownData(recorded, 'body') ?? null, 'the recorded body'),
    };
    return PromiseThen(PromiseResolve(undefined), () => respond(answer));
  };
  const axios = (urlOrConfig, config) =>
    typeof urlOrConfig === 'string'
      ? request(ObjectAssign({}, config ?? {}, { url: urlOrConfig }))
      : request(urlOrConfig);
  axios.request = (config) => request(config);
  for (const method of ['get', 'delete', 'head', 'options']) {
    axios[method] = (url, config) => request(ObjectAssign({}, config ?? {}, { method, url }));
  }
  for (const method of ['post', 'put', 'patch']) {
    axios[method] = (url, data, config) => request(ObjectAssign({}, config ?? {}, { method, url, data }));
  }
  axios.create = (instanceDefaults) =>
    makeAxios(
      ObjectAssign({}, defaults, instanceDefaults ?? {}, {
        headers: ObjectAssign({}, defaults.headers ?? {}, instanceDefaults?.headers ?? {}),
      }),
    );
  axios.defaults = defaults;
  axios.isAxiosError = (value) => typeof value === 'object' && value !== null && value.isAxiosError === true;
  axios.interceptors = {
    request: { use: () => 0, eject: () => undefined },
    response: { use: () => 0, eject: () => undefined },
  };
  return axios;
}

function jsonCopyOr(value) {
  const result = serialize(value, 'the request body');
  return result.error === undefined ? JSONParse(result.json) : `[${result.error}]`;
}
