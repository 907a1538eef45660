using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace DataMux.Datasets.Tests;

/// <summary>Builds small IDX files for the reader's tests: header fields given separately so a test can break one.</summary>
internal static class IdxFile
{
    /// <summary>An IDX file: the 4-byte <paramref name="magic"/>, each dimension as a big-endian 32-bit count, then <paramref name="values"/>.</summary>
    public static byte[] Build(int magic, int[] dimensions, byte[] values)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + values.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        values.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    /// <summary><paramref name="count"/> images of <paramref name="height"/> x <paramref name="width"/>, pixel k of the file holding k mod 256.</summary>
    public static byte[] Images(int count, int height, int width) =>
        Build(0x00000803, [count, height, width], Enumerable.Range(0, count * height * width).Select(k => (byte)(k % 256)).ToArray());

    public static byte[] Labels(params byte[] labels) => Build(0x00000801, [labels.Length], labels);

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
