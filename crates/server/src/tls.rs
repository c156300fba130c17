//! TLS for `serve`: a certificate and key from PEM files, or a self-signed certificate made at
//! start, in a rustls server configuration that offers HTTP/2 and HTTP/1.1 by ALPN.
//!
//! rustls runs on its `ring` provider (no C toolchain or cmake needed to build it), named
//! explicitly so that no process-wide default provider has to be chosen.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};

use crate::config::ConfigError;

/// Names the self-signed certificate is valid for.
const SELF_SIGNED_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

/// A checked TLS setup: the certificate chain and key, ready for connections.
#[derive(Clone)]
pub struct TlsSettings {
    server: Arc<rustls::ServerConfig>,
    leaf: CertificateDer<'static>,
    self_signed: bool,
}

impl fmt::Debug for TlsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsSettings")
            .field("fingerprint", &self.fingerprint())
            .field("self_signed", &self.self_signed)
            .finish_non_exhaustive()
    }
}

impl TlsSettings {
    /// Reads a PEM certificate chain (leaf first) and a PEM private key (PKCS#8, PKCS#1 or
    /// SEC1), and checks that they belong together.
    pub fn from_pem_files(cert: &Path, key: &Path) -> Result<TlsSettings, ConfigError> {
        let shown = cert.display();
        let chain = CertificateDer::pem_file_iter(cert)
            .and_then(Iterator::collect::<Result<Vec<_>, _>>)
            .map_err(|e| ConfigError::new(format!("TLS certificate {shown}: {e}")))?;
        let Some(leaf) = chain.first().cloned() else {
            return Err(ConfigError::new(format!(
                "TLS certificate {shown}: no PEM CERTIFICATE block in the file"
            )));
        };
        let key = PrivateKeyDer::from_pem_file(key)
            .map_err(|e| ConfigError::new(format!("TLS key {}: {e}", key.display())))?;
        Self::build(chain, key, leaf, false)
    }

    /// Makes a new key and a self-signed certificate for `localhost`, `127.0.0.1` and `::1`.
    pub fn self_signed() -> Result<TlsSettings, ConfigError> {
        let names: Vec<String> = SELF_SIGNED_NAMES.iter().map(|s| s.to_string()).collect();
        let made = rcgen::generate_simple_self_signed(names)
            .map_err(|e| ConfigError::new(format!("making a self-signed certificate: {e}")))?;
        let leaf = made.cert.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));
        Self::build(vec![leaf.clone()], key, leaf, true)
    }

    fn build(
        chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
        leaf: CertificateDer<'static>,
        self_signed: bool,
    ) -> Result<TlsSettings, ConfigError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| ConfigError::new(format!("TLS setup: {e}")))?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .map_err(|e| {
                ConfigError::new(format!(
                    "TLS certificate and key cannot be used together: {e}"
                ))
            })?;
        server.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(TlsSettings {
            server: Arc::new(server),
            leaf,
            self_signed,
        })
    }

    /// SHA-256 of the leaf certificate (DER), as colon-separated upper-case hex, the form
    /// browsers and `openssl x509 -fingerprint -sha256` show.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.leaf.as_ref());
        let hex: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
        hex.join(":")
    }

    /// The leaf certificate in DER, for clients that should trust exactly this certificate.
    pub fn certificate_der(&self) -> &[u8] {
        self.leaf.as_ref()
    }

    /// The leaf certificate in PEM (for `curl --cacert`, say).
    pub fn certificate_pem(&self) -> String {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD.encode(self.leaf.as_ref());
        let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
        for line in b64.as_bytes().chunks(64) {
            pem.push_str(&String::from_utf8_lossy(line));
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
        pem
    }

    /// Whether [`TlsSettings::self_signed`] made it.
    pub fn is_self_signed(&self) -> bool {
        self.self_signed
    }

    pub(crate) fn acceptor(&self) -> tokio_rustls::TlsAcceptor {
        tokio_rustls::TlsAcceptor::from(self.server.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_signed_has_a_fingerprint_and_alpn() {
        let tls = TlsSettings::self_signed().unwrap();
        let fp = tls.fingerprint();
        assert_eq!(fp.len(), 32 * 3 - 1, "{fp}");
        assert_eq!(
            tls.server.alpn_protocols,
            vec![b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        assert!(tls
            .certificate_pem()
            .starts_with("-----BEGIN CERTIFICATE-----\n"));
    }

    #[test]
    fn bad_files_give_one_line_errors() {
        let dir = std::env::temp_dir().join(format!("httpstatus-tls-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("missing.pem");
        let junk = dir.join("junk.pem");
        std::fs::write(&junk, "not a certificate\n").unwrap();
        for (cert, key) in [(&missing, &missing), (&junk, &junk)] {
            let err = TlsSettings::from_pem_files(cert, key)
                .unwrap_err()
                .to_string();
            assert!(!err.contains('\n'), "{err}");
            assert!(err.starts_with("TLS certificate"), "{err}");
        }
        // A real certificate with a key that is not its own.
        let a = TlsSettings::self_signed().unwrap();
        let other = rcgen::KeyPair::generate().unwrap();
        let cert = dir.join("cert.pem");
        let key = dir.join("key.pem");
        std::fs::write(&cert, a.certificate_pem()).unwrap();
        std::fs::write(&key, other.serialize_pem()).unwrap();
        let err = TlsSettings::from_pem_files(&cert, &key)
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot be used together"), "{err}");
        std::fs::write(&key, "junk").unwrap();
        let err = TlsSettings::from_pem_files(&cert, &key)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("TLS key"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
