// Every failure leaves as a metav1.Status; anything unexpected is a 500 Status, never a bare page.
import { ApiError, internal } from "../api/status";

export function statusResponse(err: unknown): Response {
  const e = err instanceof ApiError ? err : internal(err instanceof Error ? err.message : String(err));
  if (!(err instanceof ApiError)) console.error("internal error", err);
  return new Response(JSON.stringify(e.toStatus()), { status: e.code, headers: { "content-type": "application/json" } });
}
