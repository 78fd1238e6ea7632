// In-memory SCIM 2.0 service provider for Headwater's tests, built on scimmy + scimmy-routers.
// Usage: node server.js [--port N] [--token T] [--max-results N]   (defaults: SCIM_PORT or 0 = any free port,
// SCIM_TOKEN or "headwater-test-token", SCIM_MAX_RESULTS or 200). Listens on 127.0.0.1 only.
import {randomUUID} from "node:crypto";
import {parseArgs} from "node:util";
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";

const {values: args} = parseArgs({options: {port: {type: "string"}, token: {type: "string"}, "max-results": {type: "string"}}});
const PORT = Number(args.port ?? process.env.SCIM_PORT ?? 0);
const TOKEN = args.token ?? process.env.SCIM_TOKEN ?? "headwater-test-token";
const MAX_RESULTS = Number(args["max-results"] ?? process.env.SCIM_MAX_RESULTS ?? 200);
const HOST = "127.0.0.1";
const BASE_PATH = "/scim/v2";
if (!Number.isInteger(PORT) || PORT < 0 || !Number.isInteger(MAX_RESULTS) || MAX_RESULTS < 1) {
    console.error("usage: node server.js [--port N (0 = any free port)] [--token T] [--max-results N (>= 1)]");
    process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Storage: one Map per resource type, holding plain JSON objects (id, meta and the SCIM attributes).
const store = {users: new Map(), groups: new Map()};
const stats = {requests: 0, throttled: 0, created: 0, replaced: 0, deleted: 0};
const faults = {rate429: 0, retryAfter: 1, failNext: 0, credit: 0};

const scimError = (status, scimType, detail) => new SCIMMY.Types.Error(status, scimType, detail);
const plain = (instance) => JSON.parse(JSON.stringify(instance));
const sameContent = (a, b) => JSON.stringify({...a, meta: undefined}) === JSON.stringify({...b, meta: undefined});

// New meta for a changed record: lastModified = now, version = next weak ETag (W/"1", W/"2", ...).
const touch = (meta, now = new Date().toISOString()) =>
    ({created: meta.created, lastModified: now, version: `W/"${Number(meta.version?.match(/\d+/)[0] ?? 0) + 1}"`});

// Create (resource.id unset) or replace (PUT, and the final step of PATCH) one record in a Map.
function upsert(map, resource, instance, checkUnique) {
    const existing = resource.id ? map.get(resource.id) : undefined;
    if (resource.id && !existing) throw scimError(404, null, `Resource ${resource.id} not found`);

    const id = existing?.id ?? randomUUID();
    const data = {...plain(instance), id};
    delete data.meta;
    checkUnique(data, id);

    if (existing && sameContent(existing, data)) return existing;       // no change: keep meta/version

    const now = new Date().toISOString();
    const record = {...data, meta: touch(existing?.meta ?? {created: now}, now)};
    map.set(id, record);
    stats[existing ? "replaced" : "created"]++;
    return record;
}

// Filters are evaluated with scimmy's Filter.match, with three adjustments (see README "Filtering"):
// strings compare case-insensitively (except id, externalId, meta), extension attributes can be named by
// their full URN path, and a record lacking a complex attribute simply fails that comparison.
const CASE_EXACT = new Set(["id", "externalid", "meta", "$ref"]);
function fold(value, key = "") {
    if (CASE_EXACT.has(key.toLowerCase())) return value;
    if (typeof value === "string") return value.toLowerCase();
    if (Array.isArray(value)) return value.map((v) => fold(v, key));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fold(v, k)]));
    return value;
}
const flattenExtensions = (record) => Object.entries(record).reduce((view, [key, value]) => key.startsWith("urn:") && value
    ? Object.assign(view, ...Object.entries(value).map(([attr, v]) => ({[`${key}:${attr}`]: v}))) : view, {...record});

// Fast path for the usual lookup `attr eq "value"` on a top-level single string (scimmy's match costs ~20µs a record).
const SIMPLE = ["id", "externalId", "userName", "displayName"];
function simpleEquality(filter) {
    const [[attr, expr] = [], ...more] = filter.length === 1 ? Object.entries(filter[0]) : [];
    const name = SIMPLE.find((n) => n.toLowerCase() === attr?.toLowerCase());
    if (!name || more.length || !Array.isArray(expr) || expr.length !== 2 || String(expr[0]).toLowerCase() !== "eq"
        || typeof expr[1] !== "string") return undefined;
    const wanted = fold(expr[1], name);
    return (record) => fold(record[name], name) === wanted;
}

function applyFilter(filter, records) {
    const simple = simpleEquality(filter);
    if (simple) return records.filter(simple);
    const branches = [...filter].map((branch) => new SCIMMY.Types.Filter(fold(branch)));   // one per "or" branch
    return records.filter((record) => {
        const view = fold(flattenExtensions(record));
        return branches.some((branch) => {
            try { return branch.match([view]).length > 0; } catch { return false; }       // missing complex attribute
        });
    });
}

// Answer egress for list reads: filter, then page cheaply (scimmy turns each returned record into a schema
// instance at ~1ms apiece). scimmy's ListResponse pages the array it is given by itself, and read() hands it
// resource.constraints after egress returns, so egress sets count (capped at maxResults), itemsPerPage (the
// real page size) and totalResults there, and returns only what ListResponse needs. See README "Paging".
function list(map, resource, decorate = (record) => record) {
    let all = [...map.values()].map(decorate);
    if (resource.filter) all = applyFilter(resource.filter, all);
    const constraints = resource.constraints ?? {};
    const total = all.length, start = (constraints.startIndex ?? 1) - 1;
    const count = Math.min(constraints.count ?? 20, MAX_RESULTS);
    const page = all.slice(start, start + count);
    resource.constraints = {...constraints, count, itemsPerPage: page.length, totalResults: total};
    if (constraints.sortBy) return all;                              // let scimmy sort, then page, the full set
    if (start === 0 || start + 1 > page.length) return page;
    // 1 < startIndex <= count: ListResponse would slice a bare page again, so return the prefix up to the page end.
    let end = start + page.length;
    if (total === end + start && end < total) end++;
    return all.slice(0, end);
}

const findOrThrow = (map, id) => {
    const record = map.get(id);
    if (!record) throw scimError(404, null, `Resource ${id} not found`);
    return record;
};

// A deleted User or Group leaves every group it was a member of (which counts as a change to that group).
function dropMember(memberId) {
    for (const group of store.groups.values()) {
        if (!group.members?.some((m) => m.value === memberId)) continue;
        group.members = group.members.filter((m) => m.value !== memberId);
        if (!group.members.length) delete group.members;
        group.meta = touch(group.meta);
    }
}

// ---------------------------------------------------------------------------------------------
// Users: core User schema + Enterprise User extension. userName is unique (case-insensitively).
// User.groups is read-only in SCIM: derive it from group membership whenever users are read.
function userDecorator() {
    const index = new Map();
    for (const g of store.groups.values()) for (const m of g.members ?? []) {
        if (!index.has(m.value)) index.set(m.value, []);
        index.get(m.value).push({value: g.id, display: g.displayName, $ref: `${baseUrl}/Groups/${g.id}`, type: "direct"});
    }
    return (user) => ({...user, groups: index.get(user.id)});
}

function checkUserUnique(data, id) {
    const name = String(data.userName ?? "").toLowerCase();
    for (const other of store.users.values()) {
        if (other.id !== id && other.userName.toLowerCase() === name)
            throw scimError(409, "uniqueness", `userName '${data.userName}' is already in use`);
    }
}

SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    extensions: [{schema: SCIMMY.Schemas.EnterpriseUser, required: false}],
    ingress: (resource, instance) => userDecorator()(upsert(store.users, resource, instance, checkUserUnique)),
    egress: (resource) => resource.id
        ? userDecorator()(findOrThrow(store.users, resource.id))
        : list(store.users, resource, userDecorator()),
    degress: (resource) => {
        if (!store.users.delete(resource.id)) throw scimError(404, null, `Resource ${resource.id} not found`);
        stats.deleted++;
        dropMember(resource.id);
    },
});

// ---------------------------------------------------------------------------------------------
// Groups: displayName is unique; members must reference existing Users or Groups.
function checkGroup(data, id) {
    const name = String(data.displayName ?? "").toLowerCase();
    for (const other of store.groups.values()) {
        if (other.id !== id && other.displayName.toLowerCase() === name)
            throw scimError(409, "uniqueness", `displayName '${data.displayName}' is already in use`);
    }
    const seen = new Set();
    data.members = (data.members ?? []).filter((m) => !seen.has(m.value) && seen.add(m.value)).map((m) => {
        const user = store.users.get(m.value), group = store.groups.get(m.value);
        if (!user && !group) throw scimError(400, "invalidValue", `Member '${m.value}' does not exist`);
        return user
            ? {value: user.id, display: user.displayName ?? user.userName, type: "User", $ref: `${baseUrl}/Users/${user.id}`}
            : {value: group.id, display: group.displayName, type: "Group", $ref: `${baseUrl}/Groups/${group.id}`};
    });
    if (!data.members.length) delete data.members;
}

SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    ingress: (resource, instance) => upsert(store.groups, resource, instance, checkGroup),
    egress: (resource) => resource.id
        ? findOrThrow(store.groups, resource.id)
        : list(store.groups, resource),
    degress: (resource) => {
        if (!store.groups.delete(resource.id)) throw scimError(404, null, `Resource ${resource.id} not found`);
        stats.deleted++;
        dropMember(resource.id);
    },
});

// ---------------------------------------------------------------------------------------------
// HTTP: test administration outside SCIM, optional throttling, then the SCIM routers.
let baseUrl = "";
const app = express();
app.disable("x-powered-by");
app.set("etag", false);   // Express would add content-hash ETags (and 304s) unrelated to meta.version

const admin = express.Router();
admin.use(express.json());
admin.post("/reset", (req, res) => {
    store.users.clear();
    store.groups.clear();
    Object.keys(stats).forEach((k) => (stats[k] = 0));
    Object.assign(faults, {rate429: 0, retryAfter: 1, failNext: 0, credit: 0});
    res.status(204).end();
});
admin.get("/stats", (req, res) => res.json({users: store.users.size, groups: store.groups.size, ...stats, faults}));
admin.post("/faults", (req, res) => {
    const {rate429 = 0, retryAfter = 1, failNext = 0} = req.body ?? {};
    if (!(rate429 >= 0 && rate429 <= 1) || !(retryAfter >= 0) || !Number.isInteger(failNext) || failNext < 0)
        return res.status(400).json({error: "expected {rate429: 0..1, retryAfter: seconds >= 0, failNext: integer >= 0}"});
    Object.assign(faults, {rate429, retryAfter, failNext, credit: 0});
    res.json(faults);
});
app.use("/_test", admin);

// Deterministic throttling: the next `failNext` SCIM requests, then a `rate429` fraction of them, get 429.
app.use(BASE_PATH, (req, res, next) => {
    stats.requests++;
    let throttle = false;
    if (faults.failNext > 0) { faults.failNext--; throttle = true; }
    else if (faults.rate429 > 0 && (faults.credit += faults.rate429) >= 1) { faults.credit -= 1; throttle = true; }
    if (!throttle) return next();
    stats.throttled++;
    res.status(429).set("Retry-After", String(faults.retryAfter)).type("application/scim+json").send(JSON.stringify({
        schemas: [SCIMMY.Messages.Error.id], status: "429", detail: "Too many requests (test fault)",
    }));
});

app.use(BASE_PATH, new SCIMMYRouters({
    type: "bearer",
    handler: (req) => {   // returns no user id, so /Me answers 501
        if (req.header("Authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] !== TOKEN) throw new Error("Missing or invalid bearer token");
    },
    baseUri: () => `http://${HOST}:${server.address().port}`,
}));

// scimmy-routers answers errors itself, then passes 5xx ones on; Express's default handler would log a stack
// trace and destroy the (keep-alive) socket, so note them on stderr and stop there.
app.use(BASE_PATH, (err, req, res, next) => {
    console.error(`${req.method} ${req.originalUrl}: ${err.status ?? 500} ${err.message}`);
    if (!res.headersSent) res.status(500).end();
});
SCIMMY.Config.set({filter: {maxResults: MAX_RESULTS}});

const server = app.listen(PORT, HOST, () => {
    baseUrl = `http://${HOST}:${server.address().port}${BASE_PATH}`;
    process.stdout.write(`SCIM_BASE_URL=${baseUrl}\nSCIM_TOKEN=${TOKEN}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
