import type { ApiConnection, ApiResponse } from "../../src/connection/api-connection.js";
import { endpointTemplate } from "../../src/connection/endpoint-template.js";
import type { ApiRequest } from "../../src/connection/request-target.js";
import type { SpendGuard } from "../../src/spend/spend-guard.js";

/**
 * What the connection's spend step will do around one request: reserve the worst case before
 * sending (a refusal throws and nothing is sent), settle with what came back, release when the
 * request failed. Tests written against it move over to `spendLimit` unchanged.
 */
export async function guardedRequest<T = unknown>(
  guard: SpendGuard,
  api: ApiConnection,
  request: ApiRequest,
): Promise<ApiResponse<T>> {
  const method = request.method ?? "GET";
  const reservation = await guard.reserve({
    method,
    endpointTemplate: endpointTemplate(method, request.path),
    query: request.query,
  });
  let response: ApiResponse<T>;
  try {
    response = await api.request<T>(request);
  } catch (error) {
    // X bills only what it served: an error answer or no answer costs nothing.
    await guard.release(reservation);
    throw error;
  }
  await guard.settle(reservation, { status: response.status, body: response.data });
  return response;
}
