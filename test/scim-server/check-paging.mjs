// Checks paging against a running server with a large data set (default 5,000 users).
// Usage: node check-paging.mjs SCIM_BASE_URL [N]   (token from SCIM_TOKEN). Clears the server's data first.
const [base, n = "5000"] = process.argv.slice(2);
const N = Number(n), MAX = 200;
const headers = {Authorization: `Bearer ${process.env.SCIM_TOKEN ?? "headwater-test-token"}`, "Content-Type": "application/scim+json"};
const get = async (path) => (await fetch(base + path, {headers})).json();
const fail = (message) => { console.error(`FAIL: ${message}`); process.exit(1); };

await fetch(base.replace(/\/scim\/v2$/, "/_test/reset"), {method: "POST"});
for (let i = 0; i < N; i += 50) {
    await Promise.all(Array.from({length: Math.min(50, N - i)}, (_, j) => fetch(`${base}/Users`, {
        method: "POST", headers, body: JSON.stringify({userName: `user${String(i + j).padStart(6, "0")}`}),
    }).then((r) => r.status === 201 || fail(`POST answered ${r.status}`))));
}

const ids = [];
for (let start = 1; start <= N; start += MAX) {
    const page = await get(`/Users?startIndex=${start}&count=${MAX}`);
    if (page.totalResults !== N || page.startIndex !== start || page.itemsPerPage !== page.Resources.length)
        fail(`page at ${start}: ${JSON.stringify({...page, Resources: page.Resources.length})}`);
    ids.push(...page.Resources.map((r) => r.id));
}
if (ids.length !== N || new Set(ids).size !== N) fail(`paged ${ids.length} ids, ${new Set(ids).size} distinct`);

const cases = [[1, 1], [2, 1], [2, 10], [10, 10], [11, 10], [2, 200], [150, 300], [N - 5, 10], [N, 10], [N + 1, 10], [1, 0], [1, N]];
for (const [start, count] of cases) {
    const page = await get(`/Users?startIndex=${start}&count=${count}`);
    const expected = ids.slice(start - 1, start - 1 + Math.min(count, MAX));
    const got = page.Resources.map((r) => r.id);
    if (page.totalResults !== N || page.itemsPerPage !== got.length || got.join() !== expected.join())
        fail(`startIndex=${start}&count=${count}: got ${got.length} resources, expected ${expected.length}`);
}
console.log(`paging ok: ${N} users, ${cases.length} edge cases`);
