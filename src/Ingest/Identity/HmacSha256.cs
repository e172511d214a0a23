using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace VolunteerStats.Ingest.Identity;

/// <summary>
/// HMAC-SHA256 (RFC 2104, FIPS 180-4) for many short messages under one key: the key's inner and outer pad
/// blocks are compressed once, so an 18-character ID number costs two SHA-256 block compressions. The
/// platform's HMAC (OpenSSL through <see cref="IncrementalHash"/>) re-keys on every reset and crosses into native
/// code three times a message (2M ID numbers: 2.6–2.8 s, bench/StageProbe). Each block is compressed by OpenSSL's
/// <c>SHA256_Transform</c> where the platform's libcrypto has it (one call into native code a block, no GC transition),
/// which uses the CPU's SHA extensions: 2M ID numbers in 0.48 s, against 2.24 s with the managed compression below,
/// which does it elsewhere. Before, ID hashing was about half of what judging an hours record cost. Outputs of both
/// are checked against <see cref="HMACSHA256"/> in the tests.
/// </summary>
public sealed unsafe class HmacSha256
{
    private const int BlockSize = 64;

    /// <summary>Words of OpenSSL's <c>SHA256_CTX</c> (state, bit counts, block buffer, counters): the context passed to it.</summary>
    private const int ContextWords = 28;

    /// <summary>Whether blocks are compressed by OpenSSL (false: by the managed code). Tests compare both.</summary>
    public static bool UsesNative => NativeTransform != null;

    /// <summary>Forces the managed compression for this instance (tests compare it with OpenSSL's).</summary>
    internal bool ManagedOnly { get; init; }

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] Initial =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// <summary>
    /// OpenSSL's <c>SHA256_Transform(SHA256_CTX*, const unsigned char*)</c>: compresses one block into the context,
    /// whose first eight words are the state. Null when libcrypto or the function is missing.
    /// Declared after <see cref="Initial"/>, which its self-test reads (static fields are set in this order).
    /// </summary>
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void> NativeTransform = FindNativeTransform();

    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];

    public HmacSha256(ReadOnlySpan<byte> key)
    {
        Span<byte> padded = stackalloc byte[BlockSize];
        padded.Clear();
        if (key.Length > BlockSize) SHA256.HashData(key, padded);
        else key.CopyTo(padded);
        Span<byte> pad = stackalloc byte[BlockSize];
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < BlockSize; i++) pad[i] = (byte)(padded[i] ^ 0x36);
        Initial.CopyTo(_inner, 0);
        Compress(_inner, pad, w);
        for (var i = 0; i < BlockSize; i++) pad[i] = (byte)(padded[i] ^ 0x5c);
        Initial.CopyTo(_outer, 0);
        Compress(_outer, pad, w);
    }

    /// <summary>Writes the 32-byte HMAC of <paramref name="message"/> into <paramref name="destination"/>. Thread-safe.</summary>
    public void Hash(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        Span<uint> context = stackalloc uint[ContextWords];
        var state = context[..8];
        Span<uint> w = stackalloc uint[64];
        Span<byte> block = stackalloc byte[BlockSize];
        if (NativeTransform != null && !ManagedOnly) w = default; // the native path needs no message schedule

        _inner.CopyTo(state);
        var rest = message;
        while (rest.Length >= BlockSize)
        {
            Compress(state, rest[..BlockSize], w);
            rest = rest[BlockSize..];
        }
        Finish(state, rest, BlockSize + (long)message.Length, block, w);

        // The outer message is the inner digest: 32 bytes, one final block after the outer pad.
        Span<byte> digest = stackalloc byte[32];
        WriteState(state, digest);
        _outer.CopyTo(state);
        Finish(state, digest, BlockSize + 32L, block, w);
        WriteState(state, destination);
    }

    /// <summary>Pads the last partial block (<paramref name="tail"/>, under 64 bytes) with the total length and compresses.</summary>
    private static void Finish(Span<uint> state, ReadOnlySpan<byte> tail, long totalBytes, Span<byte> block, Span<uint> w)
    {
        block.Clear();
        tail.CopyTo(block);
        block[tail.Length] = 0x80;
        if (tail.Length >= BlockSize - 8)
        {
            Compress(state, block, w);
            block.Clear();
        }
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], (ulong)totalBytes * 8);
        Compress(state, block, w);
    }

    private static void WriteState(ReadOnlySpan<uint> state, Span<byte> destination)
    {
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], state[i]);
    }

    /// <summary>Compresses one block into the state: natively when <paramref name="w"/> is empty (see <see cref="Hash"/>).</summary>
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block, Span<uint> w)
    {
        if (w.IsEmpty)
        {
            fixed (uint* context = state)
            fixed (byte* data = block)
                NativeTransform(context, data);
            return;
        }
        for (var i = 0; i < 16; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        for (var i = 16; i < 64; i++)
        {
            uint w15 = w[i - 15], w2 = w[i - 2];
            var s0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
            var s1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var i = 0; i < 64; i++)
        {
            var s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var ch = (e & f) ^ (~e & g);
            var t1 = h + s1 + ch + K[i] + w[i];
            var s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var maj = (a & b) ^ (a & c) ^ (b & c);
            var t2 = s0 + maj;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    private static delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void> FindNativeTransform()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so"])
        {
            if (!NativeLibrary.TryLoad(name, out var library)) continue;
            if (!NativeLibrary.TryGetExport(library, "SHA256_Transform", out var transform)) continue;
            var found = (delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void>)transform;
            return SelfTest(found) ? found : null;
        }
        return null;
    }

    /// <summary>The function found must compress as FIPS 180-4 says: SHA-256 of "abc" is one block from the initial state.</summary>
    private static bool SelfTest(delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void> transform)
    {
        Span<uint> context = stackalloc uint[ContextWords];
        context.Clear();
        Initial.CopyTo(context);
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        "abc"u8.CopyTo(block);
        block[3] = 0x80;
        block[BlockSize - 1] = 24;
        fixed (uint* c = context)
        fixed (byte* b = block)
            transform(c, b);
        Span<byte> digest = stackalloc byte[32];
        WriteState(context[..8], digest);
        return digest.SequenceEqual(SHA256.HashData("abc"u8));
    }
}
