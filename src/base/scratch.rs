//! Scratch space for what a run writes and reads back before it reports: an unnamed temporary
//! file (`tempfile::tempfile`: `O_TMPFILE` on Linux, removed by the system when the run ends,
//! never reachable by a name another process could plant a link at), or memory where no such
//! file can be made (the offline page has no file system).

use std::io;

/// Bytes appended and read back by place.
pub enum Scratch {
    /// An unnamed temporary file, and how many bytes it holds.
    #[cfg(all(feature = "cli", any(unix, windows)))]
    File(std::fs::File, u64),
    Memory(Vec<u8>),
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

impl Scratch {
    /// An unnamed temporary file, or memory where none can be made.
    pub fn new() -> Scratch {
        #[cfg(all(feature = "cli", any(unix, windows)))]
        if let Ok(file) = tempfile::tempfile() {
            return Scratch::File(file, 0);
        }
        Scratch::in_memory()
    }

    pub fn in_memory() -> Scratch {
        Scratch::Memory(Vec::new())
    }

    /// How many bytes it holds.
    pub fn len(&self) -> u64 {
        match self {
            #[cfg(all(feature = "cli", any(unix, windows)))]
            Scratch::File(_, len) => *len,
            Scratch::Memory(v) => v.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends `bytes`; returns where they start. A failed write leaves what was there as it was.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<u64> {
        match self {
            #[cfg(all(feature = "cli", any(unix, windows)))]
            Scratch::File(file, len) => {
                use std::io::{Seek, Write};
                let at = *len;
                if let Err(e) = file.write_all(bytes) {
                    // Whatever part was written is never read: the next append starts after
                    // the last complete one.
                    let _ = file.seek(io::SeekFrom::Start(at));
                    return Err(e);
                }
                *len += bytes.len() as u64;
                Ok(at)
            }
            Scratch::Memory(v) => {
                let at = v.len() as u64;
                v.extend_from_slice(bytes);
                Ok(at)
            }
        }
    }

    /// Fills `buf` from `offset`.
    pub fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        match self {
            #[cfg(all(feature = "cli", unix))]
            Scratch::File(file, _) => std::os::unix::fs::FileExt::read_exact_at(file, buf, offset),
            #[cfg(all(feature = "cli", windows))]
            Scratch::File(file, _) => {
                let mut done = 0;
                while done < buf.len() {
                    let n = std::os::windows::fs::FileExt::seek_read(
                        file,
                        &mut buf[done..],
                        offset + done as u64,
                    )?;
                    if n == 0 {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                    done += n;
                }
                Ok(())
            }
            Scratch::Memory(v) => {
                let start = usize::try_from(offset).map_err(io::Error::other)?;
                let src = start
                    .checked_add(buf.len())
                    .and_then(|end| v.get(start..end))
                    .ok_or(io::ErrorKind::UnexpectedEof)?;
                buf.copy_from_slice(src);
                Ok(())
            }
        }
    }

    /// Writes everything it holds to `out`, a block at a time.
    pub fn copy_to(&self, out: &mut dyn io::Write) -> io::Result<()> {
        let mut buf = vec![0u8; 1 << 16];
        let mut at = 0;
        let len = self.len();
        while at < len {
            let n = (len - at).min(buf.len() as u64) as usize;
            self.read_at(at, &mut buf[..n])?;
            out.write_all(&buf[..n])?;
            at += n as u64;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_where_they_went() {
        for mut s in [Scratch::new(), Scratch::in_memory()] {
            let text: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
            assert_eq!(s.append(b"head").unwrap(), 0);
            let at = s.append(&text).unwrap();
            assert_eq!(at, 4);
            let mut back = vec![0; 8];
            s.read_at(at + 400, &mut back).unwrap();
            assert_eq!(back, text[400..408]);
            assert!(s.read_at(s.len() - 2, &mut back).is_err());
            let mut all = Vec::new();
            s.copy_to(&mut all).unwrap();
            assert_eq!(&all[..4], b"head");
            assert_eq!(&all[4..], &text[..]);
        }
    }
}
