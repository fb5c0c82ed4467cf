//! An upload on its way in: hashed as it arrives, its type read from its first bytes, cut into
//! the parts the store keeps, and refused as soon as it is too large or of a type juri does
//! not accept, so memory never grows with the file.

use crate::error::{AppError, AppResult, ErrorKind};
use crate::i18n::documents::DocumentMsg as M;
use crate::i18n::Text;
use sha2::{Digest, Sha256};

/// The size of a stored part: a download reads one at a time.
pub const PART: usize = 512 * 1024;

/// How many first bytes the type is read from.
const SNIFF: usize = 8 * 1024;

/// The types juri keeps: what a phone's browser opens by itself, and never HTML or SVG.
pub const ACCEPTED: &[&str] = &["application/pdf", "image/jpeg", "image/png", "image/webp"];

/// Why an upload may grow no further.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Room {
    /// The per-file limit, in bytes.
    File(u64),
    /// The entry's remaining room (smaller than the per-file limit), with the entry's limit.
    Entry { left: u64, limit: u64 },
}

impl Room {
    fn bytes(self) -> u64 {
        match self {
            Room::File(n) => n,
            Room::Entry { left, .. } => left,
        }
    }

    pub(super) fn refusal(self) -> AppError {
        let mb = |n: u64| n / (1024 * 1024);
        let text = match self {
            Room::File(n) => Text::with(M::ErrDocumentTooLarge, [mb(n)]),
            Room::Entry { left, limit } => {
                Text::with(M::ErrEntryDocumentsFull, [mb(limit), mb(left)])
            }
        };
        AppError::new(ErrorKind::PayloadTooLarge, text).with_field("file")
    }
}

/// A complete upload: what the store records about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    pub sha256: String,
    pub size: u64,
    pub content_type: &'static str,
}

pub struct Incoming {
    room: Room,
    hasher: Sha256,
    size: u64,
    head: Vec<u8>,
    content_type: Option<&'static str>,
    part: Vec<u8>,
}

impl Incoming {
    pub fn new(room: Room) -> Incoming {
        Incoming {
            room,
            hasher: Sha256::new(),
            size: 0,
            head: Vec::new(),
            content_type: None,
            part: Vec::with_capacity(PART),
        }
    }

    /// Takes the next bytes of the file; returns the parts now complete, to be stored in order.
    /// Refuses (413) the byte that passes the room left, and (415) a file whose first bytes
    /// say it is not an accepted type, before any part is complete.
    pub fn push(&mut self, mut bytes: &[u8]) -> AppResult<Vec<Vec<u8>>> {
        self.size += bytes.len() as u64;
        if self.size > self.room.bytes() {
            return Err(self.room.refusal());
        }
        self.hasher.update(bytes);
        if self.content_type.is_none() && self.head.len() < SNIFF {
            let take = bytes.len().min(SNIFF - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
            if self.head.len() == SNIFF {
                self.content_type = Some(sniff(&self.head)?);
            }
        }
        let mut done = Vec::new();
        while !bytes.is_empty() {
            let take = bytes.len().min(PART - self.part.len());
            self.part.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.part.len() == PART {
                done.push(std::mem::replace(&mut self.part, Vec::with_capacity(PART)));
            }
        }
        Ok(done)
    }

    /// The file is complete: its last part (possibly empty) and what it is.
    pub fn finish(mut self) -> AppResult<(Vec<u8>, Received)> {
        if self.size == 0 {
            return Err(AppError::invalid("file", M::ErrDocumentEmpty));
        }
        let content_type = match self.content_type {
            Some(t) => t,
            None => sniff(&self.head)?,
        };
        let sha256 = hex::encode(std::mem::take(&mut self.hasher).finalize());
        Ok((
            self.part,
            Received {
                sha256,
                size: self.size,
                content_type,
            },
        ))
    }
}

/// The accepted type the bytes are, or 415 naming what they are.
fn sniff(head: &[u8]) -> AppResult<&'static str> {
    let found = infer::get(head).map(|t| t.mime_type());
    match found.and_then(|t| ACCEPTED.iter().find(|a| **a == t)) {
        Some(accepted) => Ok(accepted),
        None => Err(AppError::new(
            ErrorKind::UnsupportedMediaType,
            Text::with(
                M::ErrDocumentType,
                [found.unwrap_or("application/octet-stream")],
            ),
        )
        .with_field("file")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(len: usize) -> Vec<u8> {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.resize(len, b'x');
        bytes
    }

    /// Fed in uneven pieces, a file comes out as the same bytes in whole parts, with its
    /// SHA-256 and its type.
    #[test]
    fn parts_and_digest_do_not_depend_on_how_the_bytes_arrive() {
        let file = pdf(2 * PART + 1234);
        let mut incoming = Incoming::new(Room::File(10 * PART as u64));
        let mut stored = Vec::new();
        for piece in file.chunks(7919) {
            for part in incoming.push(piece).unwrap() {
                assert_eq!(part.len(), PART);
                stored.extend(part);
            }
        }
        let (last, received) = incoming.finish().unwrap();
        stored.extend(last);
        assert_eq!(stored, file);
        assert_eq!(received.sha256, hex::encode(Sha256::digest(&file)));
        assert_eq!(received.size, file.len() as u64);
        assert_eq!(received.content_type, "application/pdf");
    }

    #[test]
    fn an_executable_is_refused_by_its_bytes_before_anything_is_stored() {
        let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
        elf.resize(SNIFF + 10, 0);
        let mut incoming = Incoming::new(Room::File(1 << 20));
        let err = incoming.push(&elf).unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnsupportedMediaType);
        assert!(format!("{err:?}").contains("x-executable"), "{err:?}");
        // A short file is read whole at the end.
        let mut svg = Incoming::new(Room::File(1 << 20));
        assert!(svg
            .push(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
            .unwrap()
            .is_empty());
        assert_eq!(
            svg.finish().unwrap_err().kind,
            ErrorKind::UnsupportedMediaType
        );
    }

    #[test]
    fn the_byte_past_the_room_is_refused() {
        let mut incoming = Incoming::new(Room::Entry {
            left: 100,
            limit: 1 << 20,
        });
        incoming.push(&pdf(100)).unwrap();
        let err = incoming.push(b"x").unwrap_err();
        assert_eq!(err.kind, ErrorKind::PayloadTooLarge);
        assert_eq!(err.message.key, "ErrEntryDocumentsFull");
        assert_eq!(
            Incoming::new(Room::File(10)).finish().unwrap_err().kind,
            ErrorKind::Invalid
        );
    }
}
