package dev.quarry.slice.gzip;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A pure-Java gzip/deflate decoder (RFC 1951/1952) that knows where every deflate block starts, to
 * the bit. It exists because {@link java.util.zip.Inflater} cannot stop at block boundaries (zlib's
 * Z_BLOCK is not exposed) nor start mid-byte (no inflatePrime), and no maintained Java library
 * exposes block boundaries (commons-compress's decoder is Deflate64-only and internal; jzran wraps
 * native zlib and is abandoned). The same decoder therefore both builds checkpoints while indexing
 * and resumes from one (a bit offset plus a preset window) when a slice is read.
 *
 * <p>Speed: the hot loop follows zlib's inflate_fast / libdeflate — table-driven Huffman decoding
 * with an 11-bit (literal/length) and 8-bit (distance) first-level table plus sub-tables, a 64-bit
 * bit buffer refilled eight bytes at a time, and output into a flat buffer that keeps the last 32 KiB
 * in front of each chunk (so matches never wrap).
 *
 * <p>Output is pulled chunk by chunk with {@link #next()}; the chunk is {@code buffer()[chunkStart()
 * .. chunkEnd())} and stays valid until the following call.
 */
final class GzipDecoder {

  static final int WSIZE = 32 * 1024;
  private static final int CHUNK = 256 * 1024;
  /** Decoding stops once the output reaches this index; a match may run 258 (+7 copy overshoot) past. */
  private static final int OUT_FLUSH = WSIZE + CHUNK;
  private static final int IN_SIZE = 256 * 1024;
  /** Past the real end, this many zero bytes are fed before truncation is declared. */
  private static final int MAX_OVERRUN = 16;

  private static final VarHandle LE64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // Table entries (int): bits 0-4 bits to consume; 5-8 extra bits (or sub-table index bits);
  // 9 end of block; 10 sub-table pointer; 11 invalid code; 16-30 value; 31 literal.
  private static final int F_EOB = 1 << 9;
  private static final int F_SUB = 1 << 10;
  private static final int F_BAD = 1 << 11;
  private static final int F_LIT = 1 << 31;
  private static final int LBITS = 11;
  private static final int DBITS = 8;
  private static final int CLBITS = 7;
  private static final int LMASK = (1 << LBITS) - 1;
  private static final int DMASK = (1 << DBITS) - 1;

  private static final int[] LIT_ENTRY = new int[288];
  private static final int[] DIST_ENTRY = new int[32];
  private static final int[] CL_ENTRY = new int[19];
  private static final int[] FIXED_LIT = new int[(1 << LBITS) + 288 * 16];
  private static final int[] FIXED_DIST = new int[(1 << DBITS) + 32 * 128];
  private static final int[] CL_ORDER =
      {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  private static final int KIND_CL = 0;
  private static final int KIND_LIT = 1;
  private static final int KIND_DIST = 2;

  static {
    int[] lenBase = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
        99, 115, 131, 163, 195, 227, 258};
    int[] lenExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5,
        5, 5, 0};
    int[] distBase = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    int[] distExtra = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
        11, 12, 12, 13, 13};
    for (int s = 0; s < 288; s++) {
      if (s < 256) {
        LIT_ENTRY[s] = F_LIT | (s << 16);
      } else if (s == 256) {
        LIT_ENTRY[s] = F_EOB;
      } else if (s < 286) {
        LIT_ENTRY[s] = (lenBase[s - 257] << 16) | (lenExtra[s - 257] << 5);
      } else {
        LIT_ENTRY[s] = F_BAD;
      }
    }
    for (int s = 0; s < 32; s++) {
      DIST_ENTRY[s] = s < 30 ? (distBase[s] << 16) | (distExtra[s] << 5) : F_BAD;
    }
    for (int s = 0; s < 19; s++) {
      CL_ENTRY[s] = s << 16;
    }
    byte[] lens = new byte[288];
    Arrays.fill(lens, 0, 144, (byte) 8);
    Arrays.fill(lens, 144, 256, (byte) 9);
    Arrays.fill(lens, 256, 280, (byte) 7);
    Arrays.fill(lens, 280, 288, (byte) 8);
    Scratch scratch = new Scratch();
    buildTable(FIXED_LIT, LBITS, lens, 0, 288, KIND_LIT, scratch);
    Arrays.fill(lens, 0, 32, (byte) 5);
    buildTable(FIXED_DIST, DBITS, lens, 0, 32, KIND_DIST, scratch);
  }

  private static final int S_MEMBER = 0;
  private static final int S_BLOCK = 1;
  private static final int S_HUFFMAN = 2;
  private static final int S_STORED = 3;
  private static final int S_DONE = 4;

  private final InputStream src;
  private final String name;
  private final long span;
  private final List<GzipCheckpoint> checkpoints = new ArrayList<>();

  // input: bytes in[inPos, inLimit) not yet loaded; in[0] is compressed offset inBase
  private final byte[] in = new byte[IN_SIZE + 16];
  private int inPos;
  private int inLimit;
  private long inBase;
  private boolean eof;
  /** Zero bytes fed past the real end of the input (a truncated stream). */
  private int overrun;
  private long bitBuf;
  private int bitCount;

  // output: out[i] is uncompressed offset outOrigin + i; out[histStart, outPos) is usable history
  private final byte[] out = new byte[OUT_FLUSH + 258 + 16];
  private int outPos = WSIZE;
  private int histStart = WSIZE;
  private long outOrigin;
  private int chunkStart = WSIZE;

  private int state;
  private boolean lastBlock;
  private boolean firstBlockOfMember;
  private int storedLeft;
  private int[] litTable;
  private int[] distTable;
  private final int[] dynLit = new int[FIXED_LIT.length];
  private final int[] dynDist = new int[FIXED_DIST.length];
  private final int[] clTable = new int[1 << CLBITS];
  private final byte[] lens = new byte[320];
  private final Scratch scratch = new Scratch();

  // member bookkeeping
  private final CRC32 crc = new CRC32();
  private boolean verifyMember;
  private int crcFrom = WSIZE;
  private long memberStartOut;
  private long lastCheckpointOut = Long.MIN_VALUE;
  private int members;
  private Deflater windowDeflater;

  private GzipDecoder(InputStream src, String name, long span) {
    this.src = src;
    this.name = name;
    this.span = span;
  }

  /** Decodes a whole gzip stream from its first byte, recording a checkpoint about every span bytes. */
  static GzipDecoder fromStart(InputStream src, String name, long span) {
    GzipDecoder d = new GzipDecoder(src, name, span);
    d.outOrigin = -WSIZE;
    d.state = S_MEMBER;
    return d;
  }

  /**
   * Resumes at a checkpoint; {@code src} delivers the compressed bytes from {@code
   * cp.compressedOffset()} on. The member it starts in cannot be CRC-checked (its start is not
   * read); the members after it are.
   */
  static GzipDecoder fromCheckpoint(InputStream src, String name, GzipCheckpoint cp)
      throws IOException {
    GzipDecoder d = new GzipDecoder(src, name, 0);
    d.inBase = cp.compressedOffset();
    byte[] window;
    try {
      window = cp.window();
    } catch (IllegalStateException e) {
      throw new IOException((name == null ? "" : name + ": ") + e.getMessage(), e);
    }
    System.arraycopy(window, 0, d.out, WSIZE - window.length, window.length);
    d.histStart = WSIZE - window.length;
    d.outOrigin = cp.uncompressedOffset() - WSIZE;
    d.members = 1;
    d.state = S_BLOCK;
    d.firstBlockOfMember = true;
    if (cp.bitOffset() > 0) {
      d.bits(cp.bitOffset());
    }
    return d;
  }

  byte[] buffer() {
    return out;
  }

  int chunkStart() {
    return chunkStart;
  }

  int chunkEnd() {
    return outPos;
  }

  /** Uncompressed offset of the end of the current chunk. */
  long uncompressedPosition() {
    return outOrigin + outPos;
  }

  /** Compressed bytes read so far (after {@link #next()} returned false: the object's size). */
  long compressedPosition() {
    return inBase + inPos;
  }

  int members() {
    return members;
  }

  List<GzipCheckpoint> checkpoints() {
    return checkpoints;
  }

  /** Decodes the next chunk; false at the end of the stream. */
  boolean next() throws IOException {
    if (outPos >= OUT_FLUSH) {
      slide();
    }
    chunkStart = outPos;
    while (outPos < OUT_FLUSH && state != S_DONE) {
      switch (state) {
        case S_MEMBER -> startMember();
        case S_BLOCK -> startBlock();
        case S_HUFFMAN -> {
          if (decodeHuffman()) {
            endBlock();
          }
        }
        case S_STORED -> {
          if (copyStored()) {
            endBlock();
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    if (overrun > 0 && consumedBits() > (inBase + inLimit) * 8) {
      throw truncated();
    }
    if (verifyMember) {
      crc.update(out, crcFrom, outPos - crcFrom);
    }
    crcFrom = outPos;
    if (state == S_DONE && windowDeflater != null) {
      windowDeflater.end();
      windowDeflater = null;
    }
    return outPos > chunkStart || state != S_DONE;
  }

  private void slide() {
    int shift = outPos - WSIZE;
    System.arraycopy(out, shift, out, 0, WSIZE);
    outOrigin += shift;
    histStart = Math.max(0, histStart - shift);
    outPos = WSIZE;
    crcFrom = WSIZE;
  }

  // ---------------------------------------------------------------- gzip members

  private void startMember() throws IOException {
    toByteMode();
    long headerOffset = inBase + inPos;
    int id1 = readByte();
    if (id1 < 0) {
      if (members == 0) {
        throw corrupt(headerOffset, "empty input, not in gzip format");
      }
      state = S_DONE;
      return;
    }
    if (id1 == 0 && members > 0) {
      skipZeroPadding(headerOffset);
      state = S_DONE;
      return;
    }
    CRC32 headerCrc = new CRC32();
    int id2 = readByte();
    if (id1 == 0x1f && id2 < 0) {
      throw truncated();
    }
    if (id1 != 0x1f || id2 != 0x8b) {
      throw corrupt(headerOffset, members == 0 ? "not in gzip format (no gzip magic number)"
          : "trailing garbage after gzip member " + members);
    }
    headerCrc.update(id1);
    headerCrc.update(id2);
    int cm = headerByte(headerCrc);
    if (cm != 8) {
      throw corrupt(headerOffset + 2, "unknown compression method " + cm);
    }
    int flags = headerByte(headerCrc);
    if ((flags & 0xe0) != 0) {
      throw corrupt(headerOffset + 3, "reserved gzip header flags set (0x" + Integer.toHexString(flags) + ")");
    }
    for (int i = 0; i < 6; i++) {
      headerByte(headerCrc); // MTIME, XFL, OS
    }
    if ((flags & 4) != 0) { // FEXTRA
      int xlen = headerByte(headerCrc) | headerByte(headerCrc) << 8;
      for (int i = 0; i < xlen; i++) {
        headerByte(headerCrc);
      }
    }
    if ((flags & 8) != 0) { // FNAME
      while (headerByte(headerCrc) != 0) {
        // skip the zero-terminated name
      }
    }
    if ((flags & 16) != 0) { // FCOMMENT
      while (headerByte(headerCrc) != 0) {
        // skip the zero-terminated comment
      }
    }
    if ((flags & 2) != 0) { // FHCRC: low 16 bits of the CRC-32 of the header so far
      int expected = (int) headerCrc.getValue() & 0xffff;
      long at = inBase + inPos;
      int stored = headerByte(null) | headerByte(null) << 8;
      if (stored != expected) {
        throw corrupt(at, "gzip header CRC mismatch");
      }
    }
    members++;
    memberStartOut = outOrigin + outPos;
    histStart = outPos;
    crc.reset();
    crcFrom = outPos;
    verifyMember = true;
    if (span > 0 && (checkpoints.isEmpty() || memberStartOut - lastCheckpointOut >= span)) {
      checkpoints.add(new GzipCheckpoint(inBase + inPos, 0, memberStartOut, 0, null));
      lastCheckpointOut = memberStartOut;
    }
    firstBlockOfMember = true;
    state = S_BLOCK;
  }

  private int headerByte(CRC32 headerCrc) throws IOException {
    int b = readByte();
    if (b < 0) {
      throw truncated();
    }
    if (headerCrc != null) {
      headerCrc.update(b);
    }
    return b;
  }

  private void skipZeroPadding(long from) throws IOException {
    while (true) {
      int b = readByte();
      if (b < 0) {
        return;
      }
      if (b != 0) {
        throw corrupt(inBase + inPos - 1, "trailing garbage after zero padding that starts at " + from);
      }
    }
  }

  private void endMember() throws IOException {
    toByteMode();
    if (verifyMember) {
      crc.update(out, crcFrom, outPos - crcFrom);
    }
    crcFrom = outPos;
    long at = inBase + inPos;
    long storedCrc = readLe32();
    long storedSize = readLe32();
    if (verifyMember) {
      if (storedCrc != crc.getValue()) {
        throw corrupt(at, "CRC-32 mismatch (data is corrupt)");
      }
      long size = outOrigin + outPos - memberStartOut;
      if (storedSize != (size & 0xffffffffL)) {
        throw corrupt(at + 4, "length mismatch (ISIZE " + storedSize + ", decoded " + size + " bytes)");
      }
    }
    verifyMember = false;
    state = S_MEMBER;
  }

  private long readLe32() throws IOException {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int b = readByte();
      if (b < 0) {
        throw truncated();
      }
      v |= (long) b << (8 * i);
    }
    return v;
  }

  // ---------------------------------------------------------------- blocks

  private void startBlock() throws IOException {
    if (!firstBlockOfMember && span > 0) {
      long here = outOrigin + outPos;
      if (here - lastCheckpointOut >= span) {
        long bit = consumedBits();
        int wlen = Math.min(WSIZE, outPos - histStart);
        if (windowDeflater == null) {
          windowDeflater = new Deflater(1, true);
        }
        checkpoints.add(new GzipCheckpoint(bit >>> 3, (int) (bit & 7), here, wlen,
            GzipCheckpoint.deflate(out, outPos - wlen, wlen, windowDeflater)));
        lastCheckpointOut = here;
      }
    }
    firstBlockOfMember = false;
    lastBlock = bits(1) == 1;
    int type = bits(2);
    switch (type) {
      case 0 -> {
        bits(bitCount & 7);
        long at = consumedBits() >>> 3;
        int len = bits(16);
        int nlen = bits(16);
        if ((len ^ 0xffff) != nlen) {
          throw corrupt(at, "invalid stored block lengths");
        }
        toByteMode();
        storedLeft = len;
        state = S_STORED;
      }
      case 1 -> {
        litTable = FIXED_LIT;
        distTable = FIXED_DIST;
        state = S_HUFFMAN;
      }
      case 2 -> {
        readDynamicTables();
        litTable = dynLit;
        distTable = dynDist;
        state = S_HUFFMAN;
      }
      default -> throw corrupt(consumedBits() >>> 3, "invalid block type");
    }
  }

  private void endBlock() throws IOException {
    if (overrun > 0 && consumedBits() > (inBase + inLimit) * 8) {
      throw truncated();
    }
    if (lastBlock) {
      endMember();
    } else {
      state = S_BLOCK;
    }
  }

  private void readDynamicTables() throws IOException {
    long at = consumedBits() >>> 3;
    int nlit = bits(5) + 257;
    int ndist = bits(5) + 1;
    int ncl = bits(4) + 4;
    if (nlit > 286 || ndist > 30) {
      throw corrupt(at, "too many length or distance symbols");
    }
    byte[] lens = this.lens;
    Arrays.fill(lens, 0, 19, (byte) 0);
    for (int i = 0; i < ncl; i++) {
      lens[CL_ORDER[i]] = (byte) bits(3);
    }
    String problem = buildTable(clTable, CLBITS, lens, 0, 19, KIND_CL, scratch);
    if (problem != null) {
      throw corrupt(at, problem + " code lengths code");
    }
    int n = nlit + ndist;
    int i = 0;
    while (i < n) {
      if (bitCount < 16) {
        refill();
      }
      int e = clTable[(int) bitBuf & ((1 << CLBITS) - 1)];
      if ((e & F_BAD) != 0) {
        throw corrupt(consumedBits() >>> 3, "invalid code lengths code");
      }
      int k = e & 31;
      bitBuf >>>= k;
      bitCount -= k;
      int sym = e >>> 16;
      if (sym < 16) {
        lens[i++] = (byte) sym;
        continue;
      }
      int value = 0;
      int repeat;
      if (sym == 16) {
        if (i == 0) {
          throw corrupt(consumedBits() >>> 3, "repeat of a length with no first length");
        }
        value = lens[i - 1];
        repeat = 3 + bits(2);
      } else if (sym == 17) {
        repeat = 3 + bits(3);
      } else {
        repeat = 11 + bits(7);
      }
      if (i + repeat > n) {
        throw corrupt(consumedBits() >>> 3, "too many code lengths");
      }
      Arrays.fill(lens, i, i + repeat, (byte) value);
      i += repeat;
    }
    if (lens[256] == 0) {
      throw corrupt(at, "missing end-of-block code");
    }
    problem = buildTable(dynLit, LBITS, lens, 0, nlit, KIND_LIT, scratch);
    if (problem != null) {
      throw corrupt(at, problem + " literal/length code");
    }
    problem = buildTable(dynDist, DBITS, lens, nlit, ndist, KIND_DIST, scratch);
    if (problem != null) {
      throw corrupt(at, problem + " distance code");
    }
  }

  private static final class Scratch {
    final int[] count = new int[16];
    final int[] next = new int[16];
    final int[] rev = new int[320];
    final int[] subMax = new int[1 << LBITS];
    final int[] subOff = new int[1 << LBITS];
  }

  /**
   * Builds a decoding table for canonical Huffman code lengths {@code lens[off, off+n)}: entries
   * for codes up to {@code tb} bits fill the first {@code 1 << tb} slots; longer codes go to
   * sub-tables after them. Returns null, or the problem (zlib's rules: no over-subscribed code; an
   * incomplete code only if it is a single one-bit code, and never for the code lengths code).
   */
  private static String buildTable(int[] table, int tb, byte[] lens, int off, int n, int kind,
      Scratch s) {
    int[] symEntry = kind == KIND_LIT ? LIT_ENTRY : kind == KIND_DIST ? DIST_ENTRY : CL_ENTRY;
    int[] count = s.count;
    Arrays.fill(count, 0);
    for (int i = 0; i < n; i++) {
      count[lens[off + i]]++;
    }
    int mainSize = 1 << tb;
    Arrays.fill(table, 0, mainSize, F_BAD);
    int max = 15;
    while (max > 0 && count[max] == 0) {
      max--;
    }
    if (max == 0) {
      return null; // no codes: every lookup is invalid
    }
    int left = 1;
    for (int len = 1; len <= 15; len++) {
      left <<= 1;
      left -= count[len];
      if (left < 0) {
        return "over-subscribed";
      }
    }
    if (left > 0 && (kind == KIND_CL || max != 1)) {
      return "incomplete";
    }
    int[] next = s.next;
    count[0] = 0;
    int code = 0;
    for (int len = 1; len <= 15; len++) {
      code = (code + count[len - 1]) << 1;
      next[len] = code;
    }
    int[] rev = s.rev;
    int[] subMax = s.subMax;
    if (max > tb) {
      Arrays.fill(subMax, 0, mainSize, 0);
    }
    for (int i = 0; i < n; i++) {
      int len = lens[off + i];
      if (len == 0) {
        continue;
      }
      int r = Integer.reverse(next[len]++) >>> (32 - len);
      rev[i] = r;
      if (len <= tb) {
        int entry = symEntry[i] | len;
        for (int j = r; j < mainSize; j += 1 << len) {
          table[j] = entry;
        }
      } else {
        int p = r & (mainSize - 1);
        subMax[p] = Math.max(subMax[p], len);
      }
    }
    if (max > tb) {
      int[] subOff = s.subOff;
      int pos = mainSize;
      for (int p = 0; p < mainSize; p++) {
        if (subMax[p] > 0) {
          int sb = subMax[p] - tb;
          table[p] = (pos << 16) | (sb << 5) | tb | F_SUB;
          Arrays.fill(table, pos, pos + (1 << sb), F_BAD);
          subOff[p] = pos;
          pos += 1 << sb;
        }
      }
      for (int i = 0; i < n; i++) {
        int len = lens[off + i];
        if (len <= tb) {
          continue;
        }
        int p = rev[i] & (mainSize - 1);
        int sb = subMax[p] - tb;
        int entry = symEntry[i] | (len - tb);
        for (int j = rev[i] >>> tb; j < 1 << sb; j += 1 << (len - tb)) {
          table[subOff[p] + j] = entry;
        }
      }
    }
    return null;
  }

  /** Decodes symbols until the block ends (true) or the output chunk is full (false). */
  private boolean decodeHuffman() throws IOException {
    final byte[] out = this.out;
    final byte[] in = this.in;
    final int[] lt = litTable;
    final int[] dt = distTable;
    final int hist = histStart;
    long bb = bitBuf;
    int bc = bitCount;
    int ip = inPos;
    int op = outPos;
    int inFast = inLimit - 8;
    try {
      while (op < OUT_FLUSH) {
        if (bc < 48) {
          if (ip <= inFast) {
            bb |= (long) LE64.get(in, ip) << bc;
            int k = (63 - bc) >>> 3;
            ip += k;
            bc += k << 3;
          } else {
            bitBuf = bb;
            bitCount = bc;
            inPos = ip;
            refillSlow();
            bb = bitBuf;
            bc = bitCount;
            ip = inPos;
            inFast = inLimit - 8;
          }
        }
        int e = lt[(int) bb & LMASK];
        if ((e & F_SUB) != 0) {
          bb >>>= LBITS;
          bc -= LBITS;
          e = lt[(e >>> 16) + ((int) bb & ((1 << ((e >>> 5) & 15)) - 1))];
        }
        int n = e & 31;
        if (e < 0) {
          out[op++] = (byte) (e >>> 16);
          bb >>>= n;
          bc -= n;
          continue;
        }
        if ((e & (F_EOB | F_BAD)) != 0) {
          if ((e & F_EOB) != 0) {
            bb >>>= n;
            bc -= n;
            return true;
          }
          bitBuf = bb;
          bitCount = bc;
          inPos = ip;
          throw corrupt(consumedBits() >>> 3, "invalid literal/length code");
        }
        int x = (e >>> 5) & 15;
        int len = (e >>> 16) + ((int) (bb >>> n) & ((1 << x) - 1));
        bb >>>= n + x;
        bc -= n + x;
        int d = dt[(int) bb & DMASK];
        if ((d & F_SUB) != 0) {
          bb >>>= DBITS;
          bc -= DBITS;
          d = dt[(d >>> 16) + ((int) bb & ((1 << ((d >>> 5) & 15)) - 1))];
        }
        if ((d & F_BAD) != 0) {
          bitBuf = bb;
          bitCount = bc;
          inPos = ip;
          throw corrupt(consumedBits() >>> 3, "invalid distance code");
        }
        n = d & 31;
        x = (d >>> 5) & 15;
        int dist = (d >>> 16) + ((int) (bb >>> n) & ((1 << x) - 1));
        bb >>>= n + x;
        bc -= n + x;
        if (dist > op - hist) {
          bitBuf = bb;
          bitCount = bc;
          inPos = ip;
          throw corrupt(consumedBits() >>> 3, "invalid distance too far back");
        }
        int from = op - dist;
        if (dist >= 8) {
          // 8 bytes at a time: each read is of bytes already written since dist >= 8;
          // may write up to 7 bytes past the match, which the next symbols overwrite
          int end = op + len;
          do {
            LE64.set(out, op, (long) LE64.get(out, from));
            op += 8;
            from += 8;
          } while (op < end);
          op = end;
        } else if (dist == 1) {
          Arrays.fill(out, op, op + len, out[from]);
          op += len;
        } else {
          for (int end = op + len; op < end; op++) {
            out[op] = out[from++];
          }
        }
      }
      return false;
    } finally {
      bitBuf = bb;
      bitCount = bc;
      inPos = ip;
      outPos = op;
    }
  }

  /** Copies stored-block bytes until the block ends (true) or the output chunk is full (false). */
  private boolean copyStored() throws IOException {
    while (storedLeft > 0) {
      if (outPos >= OUT_FLUSH) {
        return false;
      }
      if (inPos >= inLimit) {
        fillInput();
        if (inPos >= inLimit) {
          throw truncated();
        }
      }
      int k = Math.min(storedLeft, Math.min(OUT_FLUSH - outPos, inLimit - inPos));
      System.arraycopy(in, inPos, out, outPos, k);
      inPos += k;
      outPos += k;
      storedLeft -= k;
    }
    return true;
  }

  // ---------------------------------------------------------------- bits and bytes

  /** The stream position of the next unconsumed bit. */
  private long consumedBits() {
    return (inBase + inPos + overrun) * 8 - bitCount;
  }

  private int bits(int n) throws IOException {
    if (bitCount < n) {
      refill();
    }
    int v = (int) bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return v;
  }

  private void refill() throws IOException {
    if (inLimit - inPos >= 8) {
      bitBuf |= (long) LE64.get(in, inPos) << bitCount;
      int k = (63 - bitCount) >>> 3;
      inPos += k;
      bitCount += k << 3;
    } else {
      refillSlow();
    }
  }

  /** Leaves at least 56 bits in the buffer, feeding zero bytes past the end (checked later). */
  private void refillSlow() throws IOException {
    if (inLimit - inPos < 8 && !eof) {
      fillInput();
    }
    if (inLimit - inPos >= 8) {
      refill();
      return;
    }
    bitBuf &= bitCount == 0 ? 0 : -1L >>> (64 - bitCount);
    while (bitCount < 56) { // stop at 56..63 bits: a 64-bit shift by bitCount must not wrap
      if (inPos < inLimit) {
        bitBuf |= (long) (in[inPos++] & 0xff) << bitCount;
      } else if (eof) {
        if (++overrun > MAX_OVERRUN) {
          throw truncated();
        }
      } else {
        fillInput();
        continue;
      }
      bitCount += 8;
    }
  }

  /** Drops the bits up to the next byte boundary and gives whole buffered bytes back to the input. */
  private void toByteMode() throws IOException {
    bitBuf >>>= bitCount & 7;
    bitCount &= ~7;
    int bytes = bitCount >>> 3;
    int virtual = Math.min(overrun, bytes);
    overrun -= virtual;
    inPos -= bytes - virtual;
    bitBuf = 0;
    bitCount = 0;
    if (overrun > 0) {
      throw truncated();
    }
  }

  private int readByte() throws IOException {
    if (inPos >= inLimit) {
      fillInput();
      if (inPos >= inLimit) {
        return -1;
      }
    }
    return in[inPos++] & 0xff;
  }

  /**
   * Reads more input. Keeps the 8 bytes before inPos so the bit buffer's bytes can be given back
   * ({@link #toByteMode()}).
   */
  private void fillInput() throws IOException {
    if (eof) {
      return;
    }
    int keepFrom = Math.max(0, inPos - 8);
    if (keepFrom > 0 && IN_SIZE - inLimit < 4096) {
      System.arraycopy(in, keepFrom, in, 0, inLimit - keepFrom);
      inBase += keepFrom;
      inPos -= keepFrom;
      inLimit -= keepFrom;
    }
    int before = inLimit;
    while (inLimit == before) {
      int n = src.read(in, inLimit, IN_SIZE - inLimit);
      if (n < 0) {
        eof = true;
        return;
      }
      inLimit += n;
    }
  }

  private GzipFormatException truncated() {
    return new GzipFormatException(name, inBase + inLimit, true, "unexpected end of data");
  }

  private GzipFormatException corrupt(long offset, String problem) {
    if (overrun > 0) {
      // decoding has run into the zero bytes fed past the end: the data stops too early
      return truncated();
    }
    return new GzipFormatException(name, offset, false, problem);
  }
}
