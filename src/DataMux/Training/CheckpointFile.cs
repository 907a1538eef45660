using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// The file format of DataMux's saved models and training checkpoints: a JSON header (what the file holds and for which
/// configuration), named tensors, and a SHA-256 of everything before it, so that a truncated or damaged file is refused
/// with a message instead of loading garbage. Files are written atomically: into a temporary file in the same folder,
/// flushed to disk, then renamed over the old one, so a crash mid-write leaves the previous file as it was.
/// </summary>
/// <remarks>
/// Layout: the 8 bytes <c>DMXCKPT\n</c>, the format version (int32), the header's UTF-8 length (int32) and bytes, the
/// tensor count (int32), per tensor its name (length-prefixed UTF-8), dtype (int32, libtorch's <see cref="ScalarType"/>),
/// rank (int32), shape (int64 each), byte count (int64) and bytes (little-endian, contiguous), then the 32-byte SHA-256.
/// </remarks>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = "DMXCKPT\n"u8.ToArray();
    private const int Version = 1;
    private const int HashLength = 32;

    /// <summary>Writes <paramref name="header"/> and <paramref name="tensors"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to write; its folder is created if missing.</param>
    /// <param name="header">What the file holds.</param>
    /// <param name="tensors">Named tensors (on any device; copied to the CPU to be written).</param>
    /// <param name="wrap">For tests: wraps the file stream (to fail mid-write as a crash would).</param>
    public static void Write(string path, JsonObject header, IEnumerable<KeyValuePair<string, Tensor>> tensors, Func<Stream, Stream>? wrap = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"Expected a file path, but got '{path}'.", nameof(path));
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // The wrapper (tests only) is not disposed: the file stream is this method's to close.
                var stream = wrap is null ? file : wrap(file);
                using (var hashing = new HashingStream(stream))
                {
                    WriteContent(hashing, header, tensors);
                    stream.Write(hashing.Hash());
                }

                stream.Flush();
                // On disk before the rename: after a power loss the new name must not point at missing data.
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Reads a file written by <see cref="Write"/>; the tensors are on the CPU and owned by the caller.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a DataMux checkpoint, is of a newer format, or is truncated or damaged.</exception>
    public static (JsonObject Header, Dictionary<string, Tensor> Tensors) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Expected a DataMux checkpoint at '{path}', but there is no such file.", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a DataMux checkpoint (it does not start with the DMXCKPT header). Save models with SaveCheckpoint and load them with LoadCheckpoint.");
        if (bytes.Length < Magic.Length + 4 + HashLength)
            throw Damaged(path, "it is shorter than an empty checkpoint");
        var version = BitConverter.ToInt32(bytes, Magic.Length);
        if (version != Version)
            throw new InvalidDataException($"'{path}' is a DataMux checkpoint of format version {version}; this library reads version {Version}.");
        var content = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            throw Damaged(path, "its checksum does not match its content");

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length + 4, content.Length - Magic.Length - 4), Encoding.UTF8);
            var header = JsonNode.Parse(Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()))) as JsonObject
                ?? throw Damaged(path, "its header is not a JSON object");
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var type = (ScalarType)reader.ReadInt32();
                var shape = new long[reader.ReadInt32()];
                for (var d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
                var data = reader.ReadBytes(checked((int)reader.ReadInt64()));
                var tensor = torch.empty(shape, dtype: type);
                tensor.bytes = data;
                if (!tensors.TryAdd(name, tensor)) { tensor.Dispose(); throw Damaged(path, $"it holds the tensor '{name}' twice"); }
            }

            return (header, tensors);
        }
        catch (Exception e) when (e is EndOfStreamException or System.Text.Json.JsonException or ArgumentException or OverflowException)
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw Damaged(path, e.Message);
        }
        catch
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
    }

    private static InvalidDataException Damaged(string path, string why) =>
        new($"'{path}' is a truncated or damaged DataMux checkpoint ({why}). Files are replaced atomically, so this one was damaged after it was written: delete it (a training run then starts over) or restore a copy.");

    private static void WriteContent(Stream stream, JsonObject header, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        writer.Write(json.Length);
        writer.Write(json);
        var list = new List<KeyValuePair<string, Tensor>>(tensors);
        writer.Write(list.Count);
        foreach (var (name, tensor) in list)
        {
            using var scope = torch.NewDisposeScope();
            var cpu = tensor.detach().cpu().contiguous();
            writer.Write(name);
            writer.Write((int)cpu.dtype);
            writer.Write((int)cpu.dim());
            foreach (var size in cpu.shape) writer.Write(size);
            var data = cpu.bytes;
            writer.Write((long)data.Length);
            writer.Write(data);
        }

        writer.Flush();
    }

    /// <summary>Passes writes through and hashes them, so the file is hashed as it is written, in one pass.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public byte[] Hash() => hash.GetHashAndReset();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
