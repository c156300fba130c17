//! The test endpoints, documented once: the `/endpoints` page and the README table are made from
//! this list, and a test checks that every example answers as described.

/// One test endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Route, as clients write it.
    pub path: &'static str,
    /// A ready example (path and query).
    pub example: &'static str,
    /// The status the example answers with.
    pub example_status: u16,
    /// The peer URL it is compatible with, or "" when it is ours alone.
    pub peer: &'static str,
    /// What it does.
    pub description: &'static str,
}

/// Every test endpoint, in the order the index page shows them.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        path: "/status/{codes}",
        example: "/status/429",
        example_status: 429,
        peer: "httpbin, go-httpbin /status/{codes}",
        description: "Any status with its headers and body rules; codes may be a list (200,500), weighted (200:0.9,500:0.1) or a range (500-504). Any method.",
    },
    Endpoint {
        path: "/{code}",
        example: "/503?sleep=100",
        example_status: 503,
        peer: "httpstat.us /{code}",
        description: "The same, httpstat.us style; also /{code}/anything/else.",
    },
    Endpoint {
        path: "/random/{list}",
        example: "/random/200,201,500-504?seed=1",
        example_status: 201,
        peer: "httpstat.us /random/{list}",
        description: "A random status from the list; seed= makes it repeatable.",
    },
    Endpoint {
        path: "/redirect/{n}",
        example: "/redirect/3",
        example_status: 302,
        peer: "httpbin /redirect/{n}",
        description: "A chain of n redirects ending at /get; absolute=true for absolute Location URLs.",
    },
    Endpoint {
        path: "/relative-redirect/{n}",
        example: "/relative-redirect/2",
        example_status: 302,
        peer: "httpbin /relative-redirect/{n}",
        description: "A chain of n redirects with relative Location values.",
    },
    Endpoint {
        path: "/absolute-redirect/{n}",
        example: "/absolute-redirect/2",
        example_status: 302,
        peer: "httpbin /absolute-redirect/{n}",
        description: "A chain of n redirects with absolute Location URLs on this server.",
    },
    Endpoint {
        path: "/redirect-to",
        example: "/redirect-to?url=/get&status_code=307",
        example_status: 307,
        peer: "httpbin /redirect-to",
        description: "Redirect to url with status_code (any 3xx, default 302). Relative targets, this server's own host, or hosts allowed with --allow-redirect-host; anything else is a 400.",
    },
    Endpoint {
        path: "/basic-auth/{user}/{passwd}",
        example: "/basic-auth/user/passwd",
        example_status: 401,
        peer: "httpbin /basic-auth/{user}/{passwd}",
        description: "401 with WWW-Authenticate: Basic until the right credentials are sent, then 200.",
    },
    Endpoint {
        path: "/hidden-basic-auth/{user}/{passwd}",
        example: "/hidden-basic-auth/user/passwd",
        example_status: 404,
        peer: "httpbin /hidden-basic-auth/{user}/{passwd}",
        description: "404 instead of 401 until the right credentials are sent.",
    },
    Endpoint {
        path: "/bearer",
        example: "/bearer",
        example_status: 401,
        peer: "httpbin /bearer",
        description: "401 with WWW-Authenticate: Bearer unless an Authorization: Bearer token is sent.",
    },
    Endpoint {
        path: "/cache",
        example: "/cache",
        example_status: 200,
        peer: "httpbin /cache",
        description: "200 with ETag and Last-Modified; If-None-Match or If-Modified-Since give a real 304.",
    },
    Endpoint {
        path: "/cache/{n}",
        example: "/cache/60",
        example_status: 200,
        peer: "httpbin /cache/{n}",
        description: "200 with Cache-Control: public, max-age=n.",
    },
    Endpoint {
        path: "/etag/{etag}",
        example: "/etag/abc",
        example_status: 200,
        peer: "httpbin /etag/{etag}",
        description: "ETag given; If-None-Match matching gives 304, If-Match not matching gives 412.",
    },
    Endpoint {
        path: "/range/{n}",
        example: "/range/1024",
        example_status: 200,
        peer: "httpbin /range/{n}",
        description: "n bytes; Range gives 206 (single or multipart/byteranges), an unsatisfiable range gives 416.",
    },
    Endpoint {
        path: "/bytes/{n}",
        example: "/bytes/16?seed=1",
        example_status: 200,
        peer: "httpbin /bytes/{n}",
        description: "n random bytes (seed= for repeatable output).",
    },
    Endpoint {
        path: "/delay/{n}",
        example: "/delay/1",
        example_status: 200,
        peer: "httpbin /delay/{n}",
        description: "Answers after n seconds (capped by --max-delay; above the cap: 400).",
    },
    Endpoint {
        path: "/drip",
        example: "/drip?numbytes=10&duration=1&delay=0&code=200",
        example_status: 200,
        peer: "httpbin /drip",
        description: "Sends numbytes bytes spread over duration seconds, after delay, with status code.",
    },
    Endpoint {
        path: "/unstable",
        example: "/unstable?failure_rate=0.5&seed=3",
        example_status: 200,
        peer: "go-httpbin /unstable",
        description: "Fails with 500 (or failure_code) at failure_rate; seed= makes it repeatable.",
    },
    Endpoint {
        path: "/response-headers",
        example: "/response-headers?X-Test=1",
        example_status: 200,
        peer: "httpbin /response-headers",
        description: "Echoes query parameters as response headers (framing, cookie and content-type headers refused).",
    },
    Endpoint {
        path: "/anything",
        example: "/anything/path?q=1",
        example_status: 200,
        peer: "httpbin /anything",
        description: "Echoes the request (method, URL, headers, query, body) as JSON. Any method.",
    },
    Endpoint {
        path: "/get",
        example: "/get",
        example_status: 200,
        peer: "httpbin /get, /post, /put, /patch, /delete",
        description: "Echo restricted to one method; another method gets a real 405 with Allow.",
    },
    Endpoint {
        path: "/upload",
        example: "/upload",
        example_status: 405,
        peer: "",
        description: "POST a JSON or form body: 200; a body over the limit gets a real 413, another Content-Type a real 415; GET gets 405.",
    },
    Endpoint {
        path: "/expect",
        example: "/expect",
        example_status: 405,
        peer: "",
        description: "POST with Expect: 100-continue gets a real 100 then 200; an unknown expectation gets 417.",
    },
];
