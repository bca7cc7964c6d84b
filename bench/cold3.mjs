import { execFileSync } from "node:child_process";
const sign = (spec) => `import { createOAuth1Signer } from ${JSON.stringify(spec)};
const signer = createOAuth1Signer({ consumerKey: "ck", consumerSecret: "cs", accessToken: "at", accessTokenSecret: "ats" });
if (!signer.authorize({ method: "GET", url: "https://api.x.com/2/users/me" }).startsWith("OAuth ")) process.exit(1);`;
const a = `import OAuth from "oauth-1.0a"; import { createHmac } from "node:crypto";
const oauth = new OAuth({ consumer: { key: "ck", secret: "cs" }, signature_method: "HMAC-SHA1", hash_function: (b, k) => createHmac("sha1", k).update(b).digest("base64") });
const h = oauth.toHeader(oauth.authorize({ method: "GET", url: "https://api.x.com/2/users/me" }, { key: "at", secret: "ats" })).Authorization;
if (!h.startsWith("OAuth ")) process.exit(1);`;
const c = {bare:["-e","0"], oauth1a:["--input-type=module","-e",a], core:["--input-type=module","-e",sign("@twauth/core")], split:["--input-type=module","-e",sign("@twauth/core/oauth1")], single:["--input-type=module","-e",sign("/tmp/single/oauth1.js")], cryptoOnly:["--input-type=module","-e",`import { hash, randomBytes } from "node:crypto"; hash("sha1","x","base64"); randomBytes(16);`]};
const s = Object.fromEntries(Object.keys(c).map(k=>[k,[]]));
const N = Number(process.argv[2] ?? 21);
for (let i=0;i<N;i++) for (const k of (i%2? Object.keys(c) : Object.keys(c).reverse())) { const t=performance.now(); execFileSync(process.execPath, c[k]); s[k].push(performance.now()-t); }
const med = v => v.sort((x,y)=>x-y)[v.length>>1];
const m = Object.fromEntries(Object.entries(s).map(([k,v])=>[k,med(v)]));
const over = k => m[k]-m.bare;
console.log(Object.fromEntries(Object.keys(m).map(k=>[k, over(k).toFixed(1)])), "split/oauth1a", (over("split")/over("oauth1a")).toFixed(2), "single/oauth1a", (over("single")/over("oauth1a")).toFixed(2), "core/oauth1a", (over("core")/over("oauth1a")).toFixed(2));
