// Photos an editor adds in the web editor reach the repository without where they were
// taken (GPS), the camera, the time or comments: before the CMS sees a JPEG, PNG or WebP
// file (chosen or dropped), that metadata is taken out and every other byte kept, exactly
// as scripts/strip_photo_metadata.py does (kazdual/photos/metadata.py; a test compares
// the bytes). The picture is not encoded again, and keeps its EXIF orientation.
(function () {
  "use strict";
  var EXIF = [0x45, 0x78, 0x69, 0x66, 0, 0];
  var XMP = "http://ns.adobe.com/xap/1.0/\0";
  var XMP_EXTENSION = "http://ns.adobe.com/xmp/extension/\0";
  var PNG_DROPPED = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];
  var SIZES = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

  function startsWith(data, at, prefix) {
    for (var i = 0; i < prefix.length; i += 1) {
      var want = typeof prefix === "string" ? prefix.charCodeAt(i) : prefix[i];
      if (data[at + i] !== want) { return false; }
    }
    return true;
  }

  function text(data, start, length) { return String.fromCharCode.apply(null, data.subarray(start, start + length)); }

  function concat(parts) {
    var length = parts.reduce(function (sum, part) { return sum + part.length; }, 0);
    var out = new Uint8Array(length);
    var at = 0;
    parts.forEach(function (part) { out.set(part, at); at += part.length; });
    return out;
  }

  // ------------------------------------------------------------ EXIF (TIFF) blocks

  function orientation(block) {
    var tiff = startsWith(block, 0, EXIF) ? block.subarray(6) : block;
    try {
      var little = tiff[0] === 0x49 && tiff[1] === 0x49;
      if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) { return 1; }
      var view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
      var ifd = view.getUint32(4, little);
      var count = view.getUint16(ifd, little);
      for (var n = 0; n < count; n += 1) {
        var at = ifd + 2 + 12 * n;
        if (view.getUint16(at, little) === 0x0112 && view.getUint16(at + 2, little) === 3) {
          var value = view.getUint16(at + 8, little);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
    } catch (error) { /* a block that cannot be read loses its orientation only */ }
    return 1;
  }

  function orientationOnly(value) {
    var out = new Uint8Array(26);
    var view = new DataView(out.buffer);
    out.set([0x4d, 0x4d, 0, 0x2a]);
    view.setUint32(4, 8);
    view.setUint16(8, 1);
    view.setUint16(10, 0x0112);
    view.setUint16(12, 3);
    view.setUint32(14, 1);
    view.setUint16(18, value);
    return out;
  }

  // ------------------------------------------------------------ the formats

  function jpegSegments(data) {
    var segments = [];
    var p = 2;
    for (;;) {
      while (data[p] === 0xff && data[p + 1] === 0xff) { p += 1; }
      if (data.length < p + 4 || data[p] !== 0xff) { throw new Error("damaged"); }
      var marker = data[p + 1];
      var end = p + 2 + ((data[p + 2] << 8) | data[p + 3]);
      if (marker === 0xda) { return { segments: segments, scan: p }; }
      segments.push([marker, p, end]);
      p = end;
    }
  }

  function jpegEnd(data, p) {
    for (;;) {
      p += 2 + ((data[p + 2] << 8) | data[p + 3]);
      var following;
      for (;;) {
        p = data.indexOf(0xff, p);
        if (p < 0 || p + 1 >= data.length) { throw new Error("cut short"); }
        following = data[p + 1];
        if (following === 0 || (following >= 0xd0 && following <= 0xd7) || following === 0xff) { p += 1; continue; }
        break;
      }
      if (following === 0xd9) { return p + 2; }
    }
  }

  function jpegKind(marker, data, start) {
    if (marker === 0xe1 && startsWith(data, start + 4, EXIF)) { return "exif"; }
    if (marker === 0xe1 && (startsWith(data, start + 4, XMP) || startsWith(data, start + 4, XMP_EXTENSION))) { return "xmp"; }
    return marker === 0xed || marker === 0xfe ? "other" : null;
  }

  function jpeg(data) {
    var found = jpegSegments(data);
    var kept = [data.subarray(0, 2)];
    var turned = 1;
    found.segments.forEach(function (segment) {
      var kind = jpegKind(segment[0], data, segment[1]);
      if (kind === "exif") { turned = orientation(data.subarray(segment[1] + 4, segment[2])); }
      if (kind === null) { kept.push(data.subarray(segment[1], segment[2])); }
    });
    if (turned !== 1) {
      var exif = concat([new Uint8Array(EXIF), orientationOnly(turned)]);
      var length = exif.length + 2;
      var at = kept.length > 1 && kept[1][0] === 0xff && kept[1][1] === 0xe0 ? 2 : 1;
      kept.splice(at, 0, concat([new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff]), exif]));
    }
    kept.push(data.subarray(found.scan, jpegEnd(data, found.scan)));
    return concat(kept);
  }

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n += 1) {
      var c = n;
      for (var k = 0; k < 8; k += 1) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i += 1) { c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8); }
    return (c ^ 0xffffffff) >>> 0;
  }

  function pngChunk(kind, payload) {
    var body = concat([new Uint8Array(kind.split("").map(function (ch) { return ch.charCodeAt(0); })), payload]);
    var out = new Uint8Array(body.length + 8);
    var view = new DataView(out.buffer);
    view.setUint32(0, payload.length);
    out.set(body, 4);
    view.setUint32(4 + body.length, crc32(body));
    return out;
  }

  function png(data) {
    var view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    var kept = [data.subarray(0, 8)];
    var p = 8;
    while (p + 12 <= data.length) {
      var length = view.getUint32(p);
      var kind = text(data, p + 4, 4);
      var end = p + 12 + length;
      if (kind === "eXIf") {
        var turned = orientation(data.subarray(p + 8, end - 4));
        if (turned !== 1) { kept.push(pngChunk("eXIf", orientationOnly(turned))); }
      } else if (PNG_DROPPED.indexOf(kind) < 0) {
        kept.push(data.subarray(p, end));
      }
      p = end;
      if (kind === "IEND") { break; }
    }
    return concat(kept);
  }

  function webp(data) {
    var view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    var kept = [];
    var turned = 1;
    var p = 12;
    while (p + 8 <= data.length) {
      var kind = text(data, p, 4);
      var length = view.getUint32(p + 4, true);
      var end = Math.min(p + 8 + length + (length & 1), data.length);
      if (kind === "EXIF") {
        turned = orientation(data.subarray(p + 8, p + 8 + length));
      } else if (kind !== "XMP ") {
        kept.push(new Uint8Array(data.subarray(p, end)));
      }
      p = end;
    }
    var extended = false;
    kept.forEach(function (chunk) {
      if (text(chunk, 0, 4) === "VP8X") {
        extended = true;
        chunk[8] &= ~(0x08 | 0x04) & 0xff;
        if (turned !== 1) { chunk[8] |= 0x08; }
      }
    });
    if (turned !== 1 && extended) {
      var exif = orientationOnly(turned);
      var header = new Uint8Array(8);
      header.set([0x45, 0x58, 0x49, 0x46]);
      new DataView(header.buffer).setUint32(4, exif.length, true);
      kept.push(concat([header, exif, new Uint8Array(exif.length & 1)]));
    }
    var body = concat([new Uint8Array([0x57, 0x45, 0x42, 0x50])].concat(kept));
    var riff = new Uint8Array(8);
    riff.set([0x52, 0x49, 0x46, 0x46]);
    new DataView(riff.buffer).setUint32(4, body.length, true);
    return concat([riff, body]);
  }

  // The file without its metadata; null when it is no JPEG, PNG or WebP (or cannot be read as one).
  function withoutMetadata(data) {
    try {
      if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) { return jpeg(data); }
      if (startsWith(data, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) { return png(data); }
      if (startsWith(data, 0, "RIFF") && startsWith(data, 8, "WEBP")) { return webp(data); }
    } catch (error) { /* damaged: the content model says so once it is saved */ }
    return null;
  }

  function same(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i += 1) { if (a[i] !== b[i]) { return false; } }
    return true;
  }

  function cleaned(file) {
    return file.arrayBuffer().then(function (buffer) {
      var data = new Uint8Array(buffer);
      var clean = withoutMetadata(data);
      if (!clean || same(clean, data)) { return file; }
      return new File([clean], file.name, { type: file.type, lastModified: file.lastModified });
    });
  }

  function cleanedList(files) {
    return Promise.all(Array.prototype.map.call(files, cleaned)).then(function (list) {
      var transfer = new DataTransfer();
      list.forEach(function (file) { transfer.items.add(file); });
      return transfer;
    });
  }

  var passing = new WeakSet();

  // A file chosen: the CMS gets the change event again, with the cleaned files.
  window.addEventListener("change", function (event) {
    var input = event.target;
    if (passing.has(event) || !(input instanceof HTMLInputElement) || input.type !== "file" || !input.files.length) { return; }
    event.stopImmediatePropagation();
    cleanedList(input.files).then(function (transfer) {
      input.files = transfer.files;
      var again = new Event("change", { bubbles: true });
      passing.add(again);
      input.dispatchEvent(again);
    });
  }, true);

  // A file dropped: the same drop again, with the cleaned files.
  window.addEventListener("drop", function (event) {
    var files = event.dataTransfer && event.dataTransfer.files;
    if (passing.has(event) || !files || !files.length) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var target = event.target;
    cleanedList(files).then(function (transfer) {
      var again = new DragEvent("drop", {
        bubbles: true, cancelable: true, clientX: event.clientX, clientY: event.clientY, dataTransfer: transfer,
      });
      passing.add(again);
      target.dispatchEvent(again);
    });
  }, true);

  window.KAZDUAL_PHOTOS = { withoutMetadata: withoutMetadata };
})();
