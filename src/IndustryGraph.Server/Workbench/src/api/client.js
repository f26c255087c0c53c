// The one module that talks to the GraphQL API: named operations from operations.graphql, sent with the
// page's language so the analysis texts (rule, reasons) come back in the language shown.
import operations from './operations.graphql';
import { currentLanguage } from '../i18n/texts.js';

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((error) => error.message).join('\n'));
    this.errors = errors;
  }
}

export async function request(operationName, variables = {}) {
  const body = await send(operationName, variables);
  if (body.errors?.length) {
    throw new ApiError(body.errors);
  }
  return body.data;
}

/** The whole answer, data and errors side by side: for a request whose errors are part of the answer. */
export async function requestWithErrors(operationName, variables = {}) {
  const body = await send(operationName, variables);
  return { data: body.data ?? {}, errors: body.errors ?? [] };
}

async function send(operationName, variables, key) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'accept-language': currentLanguage() === 'en' ? 'en' : 'zh-CN',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query: operations, operationName, variables }),
  });
  const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
  return { ...body, status: response.status };
}

/**
 * A decision (confirm or reject) sent with the editor key as Bearer: { placements } when stored, { refused } with
 * UNAUTHENTICATED or FORBIDDEN when the key is missing, unknown or not an editor's, { error } otherwise.
 */
export async function decide(operationName, variables, key) {
  const body = await send(operationName, variables, key);
  const codes = (body.errors ?? []).map((error) => error.extensions?.code);
  if (body.status === 401 || codes.includes('UNAUTHENTICATED')) return { refused: 'UNAUTHENTICATED' };
  if (body.status === 403 || codes.includes('FORBIDDEN')) return { refused: 'FORBIDDEN' };
  if (body.errors?.length) return { error: body.errors.map((error) => error.message).join('\n') };
  return { placements: Object.values(body.data)[0] };
}

/** ScopeInput from the page state: a park, a district, or {} for the whole city. */
export function scopeInput(state) {
  if (state.park) return { park: state.park };
  if (state.district) return { district: state.district };
  return {};
}

/** Where the 招商清单 for the state's chain and scope downloads from (GET /reports/gaps). */
export function gapReportUrl(state, format) {
  const query = new URLSearchParams({ chain: state.chain, format, lang: currentLanguage() });
  if (state.park) query.set('park', state.park);
  else if (state.district) query.set('district', state.district);
  return `/reports/gaps?${query}`;
}
