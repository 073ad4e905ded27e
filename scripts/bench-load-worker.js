// A load generator that runs inside workerd, next to the service: it calls the app through a service
// binding, so its figures are the server's own, without Node's HTTP client and Miniflare's entry hop.
// POST { n, conc, method, url, headers, body }: `{i}` in url and body becomes the request's index,
// `{m}` its index modulo 1000. Answers { ok, failed } once all n requests have been answered.
export default {
  async fetch(request, env) {
    const job = await request.json();
    let next = 0;
    let ok = 0;
    let failed = 0;
    const fill = (text, i) => text.replaceAll("{i}", String(i)).replaceAll("{m}", String(i % 1000));
    const client = async () => {
      for (let i = next++; i < job.n; i = next++) {
        const init = { method: job.method, headers: job.headers };
        if (job.body !== undefined) init.body = fill(job.body, i);
        const res = await env.APP.fetch(fill(job.url, i), init);
        await res.arrayBuffer();
        if (res.status < 300) ok++;
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: job.conc }, client));
    return Response.json({ ok, failed });
  },
};
