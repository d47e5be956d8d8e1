import type { FakeReply } from './transport';

/** A 502 or 503 from the proxy in front of a CRM: an HTML page, not the CRM's JSON error body. */
export const gatewayErrorPage = (status: number): FakeReply => ({
  status,
  body: `<html><head><title>${status}</title></head><body><h1>${status === 502 ? '502 Bad Gateway' : '503 Service Unavailable'}</h1></body></html>`,
  headers: { 'content-type': 'text/html' },
});
