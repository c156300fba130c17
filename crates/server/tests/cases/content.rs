//! The endpoints that describe the request or return fixed documents: inspect, cookies, formats, images.
