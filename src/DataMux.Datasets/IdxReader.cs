using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace DataMux.Datasets;

/// <summary>
/// Reads IDX files (LeCun's MNIST format, also Fashion-MNIST's): a big-endian header — two zero bytes, a type code
/// (0x08: unsigned bytes), the number of dimensions, then each dimension as a 32-bit count — followed by the values.
/// Images are magic 0x00000803 (count, rows, columns), labels 0x00000801 (count). A file may be gzip-compressed (as
/// the published ones are); it is recognised by the gzip signature. Every departure from the expected layout is an
/// <see cref="InvalidDataException"/> naming the file, what was expected and what was found.
/// </summary>
public static class IdxReader
{
    /// <summary>The magic number of an images file: unsigned bytes, 3 dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of a labels file: unsigned bytes, 1 dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an images file (magic 0x00000803), plain or gzip-compressed.</summary>
    /// <exception cref="InvalidDataException">The file is empty, not IDX images, truncated, longer than its header says, or a corrupt gzip stream.</exception>
    public static IdxImages ReadImages(string path)
    {
        var (dimensions, values) = Read(path, ImagesMagic, "images", "(count, rows, columns)");
        if (dimensions[1] == 0 || dimensions[2] == 0)
            throw new InvalidDataException($"Expected images of at least 1 x 1 pixels in '{path}'; its header says {dimensions[1]} x {dimensions[2]}.");
        return new IdxImages(dimensions[0], dimensions[1], dimensions[2], values);
    }

    /// <summary>Reads a labels file (magic 0x00000801), plain or gzip-compressed: one byte per label.</summary>
    /// <exception cref="InvalidDataException">The file is empty, not IDX labels, truncated, longer than its header says, or a corrupt gzip stream.</exception>
    public static byte[] ReadLabels(string path) => Read(path, LabelsMagic, "labels", "(count)").Values.ToArray();

    /// <summary>
    /// Reads an images file and its labels file into an <see cref="ImageSet"/> of one channel, pixels scaled from
    /// 0..255 to [0, 1].
    /// </summary>
    /// <param name="imagesPath">The images file (magic 0x00000803).</param>
    /// <param name="labelsPath">The labels file (magic 0x00000801), one label per image, in the same order.</param>
    /// <param name="classCount">The number of classes: every label must be in [0, classCount).</param>
    /// <exception cref="InvalidDataException">Either file is invalid, the counts differ, or a label is out of range.</exception>
    public static ImageSet ReadImageSet(string imagesPath, string labelsPath, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != images.Count)
            throw new InvalidDataException($"Expected as many labels as images: '{imagesPath}' holds {images.Count} images, '{labelsPath}' holds {labels.Length} labels.");

        var wideLabels = new long[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
                throw new InvalidDataException($"Expected labels in [0, {classCount}) in '{labelsPath}'; label {i} is {labels[i]}.");
            wideLabels[i] = labels[i];
        }

        // One division per byte value, not per pixel: the same float for every occurrence of a value.
        Span<float> scale = stackalloc float[256];
        for (var v = 0; v < 256; v++) scale[v] = v / 255f;
        var source = images.Pixels.Span;
        var pixels = new float[source.Length];
        for (var i = 0; i < source.Length; i++) pixels[i] = scale[source[i]];
        return new ImageSet(pixels, wideLabels, channels: 1, images.Height, images.Width);
    }

    private static (int[] Dimensions, ReadOnlyMemory<byte> Values) Read(string path, int magic, string what, string dimensionNames)
    {
        ArgumentNullException.ThrowIfNull(path);
        var expected = $"IDX {what} (magic 0x{magic:X8}: unsigned bytes, {magic & 0xFF} dimension{((magic & 0xFF) == 1 ? "" : "s")} {dimensionNames})";
        if (!File.Exists(path)) throw new FileNotFoundException($"Expected {expected} at '{path}'; there is no such file.", path);

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) throw new InvalidDataException($"Expected {expected} in '{path}'; the file is empty (0 bytes).");
        var compressed = bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;
        if (compressed) bytes = Decompress(bytes, path, expected);
        return Parse(bytes, path, magic, expected, compressed ? " (after gzip decompression)" : "");
    }

    private static byte[] Decompress(byte[] gzip, string path, string expected)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Expected a valid gzip stream in '{path}' (it starts with the gzip signature 1F 8B), holding {expected}; decompressing failed: {e.Message}", e);
        }
    }

    private static (int[] Dimensions, ReadOnlyMemory<byte> Values) Parse(byte[] content, string path, int magic, string expected, string afterGzip)
    {
        if (content.Length == 0) throw new InvalidDataException($"Expected {expected} in '{path}'; the file is empty{afterGzip}.");
        if (content.Length < 4) throw new InvalidDataException($"Expected {expected} in '{path}'; the file ends after {content.Length} bytes{afterGzip}, inside the 4-byte magic number.");

        var actual = BinaryPrimitives.ReadInt32BigEndian(content);
        if (actual != magic)
            throw new InvalidDataException($"Expected {expected} in '{path}'; got magic 0x{actual:X8}{afterGzip}: {WhatMagicIs(actual, magic)}.");

        var rank = magic & 0xFF;
        var headerLength = 4 + 4 * rank;
        if (content.Length < headerLength)
            throw new InvalidDataException($"Expected a {headerLength}-byte header in {expected} '{path}'; the file ends after {content.Length} bytes{afterGzip} (truncated).");
        var dimensions = new int[rank];
        UInt128 total = 1;   // three 32-bit dimensions can overflow a long
        for (var d = 0; d < rank; d++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(4 + 4 * d));
            if (size > int.MaxValue)
                throw new InvalidDataException($"Expected dimension {d} of {expected} '{path}' to be at most {int.MaxValue}; its header says {size}.");
            dimensions[d] = (int)size;
            total *= size;
        }

        var shape = string.Join(" x ", dimensions);
        var got = (UInt128)(content.LongLength - headerLength);
        if (got < total)
            throw new InvalidDataException($"Expected {shape} = {total} bytes of values after the {headerLength}-byte header in '{path}'{afterGzip}; got {got} (the file is truncated).");
        if (got > total)
            throw new InvalidDataException($"Expected {shape} = {total} bytes of values after the {headerLength}-byte header in '{path}'{afterGzip}; got {got} ({got - total} more than the header says).");
        return (dimensions, content.AsMemory(headerLength));   // no copy: the header is a few bytes of a large buffer
    }

    private static string WhatMagicIs(int actual, int magic)
    {
        if ((actual & unchecked((int)0xFFFF0000)) != 0) return "not an IDX file (an IDX magic number starts with two zero bytes)";
        var type = (actual >> 8) & 0xFF;
        var rank = actual & 0xFF;
        var expectedRank = magic & 0xFF;
        if (type != UnsignedByteType) return $"type code 0x{type:X2} ({TypeName(type)}), expected 0x08 (unsigned bytes)";
        var hint = (rank, expectedRank) switch
        {
            (1, 3) => " (a labels file?)",
            (3, 1) => " (an images file?)",
            _ => "",
        };
        return $"{rank} dimension{(rank == 1 ? "" : "s")}, expected {expectedRank}{hint}";
    }

    private static string TypeName(int type) => type switch
    {
        0x08 => "unsigned bytes",
        0x09 => "signed bytes",
        0x0B => "16-bit integers",
        0x0C => "32-bit integers",
        0x0D => "32-bit floats",
        0x0E => "64-bit floats",
        _ => "not an IDX type",
    };
}
