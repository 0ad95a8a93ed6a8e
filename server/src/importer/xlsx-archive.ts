import { crc32 } from "node:zlib";
import { ZipHandler, ZipLimitError } from "@tokenizer/inflate";
import { fromBuffer } from "strtok3";

/**
 * An .xlsx is a zip of XML parts, and a 1 MB zip can inflate to gigabytes (1 MB → 1 GiB
 * took the server from 219 MB to 1.25 GB). Before the spreadsheet reader sees the file, its parts
 * are unpacked here with the same zip reader, and the same kind of limits, that file-type uses to
 * look inside uploaded attachments (@tokenizer/inflate): the entry count and every part's declared
 * size are checked from the central directory before anything is inflated; inflating streams and
 * stops as soon as a part grows past its declared size or the limit. Only the XML parts the reader
 * uses are kept, and handed to it as a stored (uncompressed) zip whose sizes are now known true.
 */

export const MAX_XLSX_ENTRIES = 1000;
/** What the kept parts may add up to, inflated (a sheet of 100 000 rows × 20 columns is about 40 MB). */
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** A file refused for what it would cost to read (not merely unreadable). */
export class OversizedArchiveError extends Error {
  override name = "OversizedArchiveError";
}

const TOO_BIG = `展開すると大きすぎるため読めません（Excel ファイルの中身は合計${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024}MBまで）。行や列を減らすか、ファイルを分けてください。`;

/** The parts read-excel-file reads (it ignores images, printer settings and the like). */
const isXmlPart = (name: string) => name.endsWith(".xml") || name.endsWith(".rels");

/**
 * Unpacks an .xlsx within the limits and returns it as a stored zip of its XML parts.
 * Throws OversizedArchiveError over a limit; other errors mean the zip is broken.
 */
export async function unpackXlsxSafely(bytes: Buffer): Promise<Buffer> {
  const zip = new ZipHandler(fromBuffer(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)), {
    maxEntryCount: MAX_XLSX_ENTRIES,
    maxUncompressedSize: MAX_XLSX_UNPACKED_BYTES,
    maxCompressedSize: bytes.length,
  });
  const parts: { name: string; data: Uint8Array }[] = [];
  let declaredTotal = 0;
  let actualTotal = 0;
  try {
    await zip.unzip((header) => {
      const name = header.filename;
      if (!isXmlPart(name)) return { handler: false };
      const declared = header.uncompressedSize;
      declaredTotal += declared;
      if (declaredTotal > MAX_XLSX_UNPACKED_BYTES) throw new OversizedArchiveError(TOO_BIG);
      return {
        handler: async (data: Uint8Array) => {
          // A part that inflates to more than it declares is built to get past the check above.
          if (data.length !== declared) throw new OversizedArchiveError(`ファイルの中身（${name}）の大きさが記録と違うため読めません。ファイルが壊れていないか確認してください。`);
          actualTotal += data.length;
          if (actualTotal > MAX_XLSX_UNPACKED_BYTES) throw new OversizedArchiveError(TOO_BIG);
          parts.push({ name, data });
        },
      };
    });
  } catch (error) {
    if (error instanceof ZipLimitError) {
      throw new OversizedArchiveError(
        error.limit === "maxEntryCount" ? `ファイルの中身の数が多すぎるため読めません（${MAX_XLSX_ENTRIES}個まで）。` : TOO_BIG,
      );
    }
    throw error;
  }
  return storedZip(parts);
}

/** A zip without compression (method 0): what the spreadsheet reader unpacks by copying. */
function storedZip(parts: { name: string; data: Uint8Array }[]): Buffer {
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, part.data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(part.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + part.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
