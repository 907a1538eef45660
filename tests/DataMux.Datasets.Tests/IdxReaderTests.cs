using System;
using System.IO;
using System.Linq;
using DataMux.Testing;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImageSet_reads_plain_and_gzipped_files_into_scaled_pixels_and_labels(bool gzip)
    {
        using var folder = new TemporaryFolder();
        var images = IdxFile.Write(folder.File("images"), Maybe(gzip, IdxFile.Images(3, 2, 4)));
        var labels = IdxFile.Write(folder.File("labels"), Maybe(gzip, IdxFile.Labels(2, 0, 9)));

        var set = IdxReader.ReadImageSet(images, labels, classCount: 10);

        Assert.Equal((3, 1, 2, 4), (set.Count, set.Channels, set.Height, set.Width));
        Assert.Equal(Enumerable.Range(0, 24).Select(k => k / 255f), set.Pixels.ToArray());
        Assert.Equal(new long[] { 2, 0, 9 }, set.Labels.ToArray());
    }

    [Fact]
    public void ReadImages_keeps_the_bytes_and_the_dimensions()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("images"), IdxFile.Images(2, 3, 5));

        var images = IdxReader.ReadImages(path);

        Assert.Equal((2, 3, 5), (images.Count, images.Height, images.Width));
        Assert.Equal(Enumerable.Range(0, 30).Select(k => (byte)k), images.Pixels.ToArray());
    }

    [Fact]
    public void Pixel_255_scales_to_exactly_one()
    {
        using var folder = new TemporaryFolder();
        var images = IdxFile.Write(folder.File("images"), IdxFile.Build(0x803, [1, 1, 2], [255, 0]));
        var labels = IdxFile.Write(folder.File("labels"), IdxFile.Labels(1));

        var set = IdxReader.ReadImageSet(images, labels, classCount: 2);

        Assert.Equal(new[] { 1f, 0f }, set.Pixels.ToArray());
    }

    [Fact]
    public void A_labels_file_read_as_images_says_the_magic_expected_and_got()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("labels"), IdxFile.Labels(1, 2, 3));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal(
            $"Expected IDX images (magic 0x00000803: unsigned bytes, 3 dimensions (count, rows, columns)) in '{path}'; got magic 0x00000801: 1 dimension, expected 3 (a labels file?).",
            error.Message);
    }

    [Fact]
    public void An_images_file_read_as_labels_says_the_magic_expected_and_got()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("images"), IdxFile.Images(1, 2, 2));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal(
            $"Expected IDX labels (magic 0x00000801: unsigned bytes, 1 dimension (count)) in '{path}'; got magic 0x00000803: 3 dimensions, expected 1 (an images file?).",
            error.Message);
    }

    [Fact]
    public void A_file_that_is_not_IDX_says_so()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("text"), "hello, world"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.EndsWith("got magic 0x68656C6C: not an IDX file (an IDX magic number starts with two zero bytes).", error.Message);
    }

    [Theory]
    [InlineData(0x0D, "type code 0x0D (32-bit floats), expected 0x08 (unsigned bytes)")]
    [InlineData(0x09, "type code 0x09 (signed bytes), expected 0x08 (unsigned bytes)")]
    [InlineData(0x42, "type code 0x42 (not an IDX type), expected 0x08 (unsigned bytes)")]
    public void A_value_type_other_than_unsigned_bytes_is_named(int typeCode, string expected)
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("images"), IdxFile.Build((typeCode << 8) | 3, [1, 1, 1], [0, 0, 0, 0]));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.EndsWith($"got magic 0x0000{typeCode:X2}03: {expected}.", error.Message);
    }

    [Fact]
    public void A_wrong_number_of_dimensions_is_named()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("images"), IdxFile.Build(0x804, [1, 1, 2, 2], new byte[4]));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.EndsWith("got magic 0x00000804: 4 dimensions, expected 3.", error.Message);
    }

    [Fact]
    public void A_truncated_file_says_how_many_bytes_were_expected_and_found()
    {
        using var folder = new TemporaryFolder();
        var whole = IdxFile.Images(3, 4, 4);
        var path = IdxFile.Write(folder.File("images"), whole[..^5]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"Expected 3 x 4 x 4 = 48 bytes of values after the 16-byte header in '{path}'; got 43 (the file is truncated).", error.Message);
    }

    [Fact]
    public void A_truncated_gzipped_file_is_reported_as_truncated()
    {
        // .NET's GZipStream ends quietly where the compressed data ends, so the count of values is what catches it.
        using var folder = new TemporaryFolder();
        var gzip = IdxFile.Gzip(IdxFile.Images(100, 28, 28));
        var path = IdxFile.Write(folder.File("images.gz"), gzip[..(gzip.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith($"Expected 100 x 28 x 28 = 78400 bytes of values after the 16-byte header in '{path}' (after gzip decompression); got ", error.Message);
        Assert.EndsWith(" (the file is truncated).", error.Message);
    }

    [Fact]
    public void A_file_cut_inside_its_header_says_so()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("images"), IdxFile.Images(1, 2, 2)[..10]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal(
            $"Expected a 16-byte header in IDX images (magic 0x00000803: unsigned bytes, 3 dimensions (count, rows, columns)) '{path}'; the file ends after 10 bytes (truncated).",
            error.Message);
    }

    [Fact]
    public void A_file_cut_inside_its_magic_number_says_so()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("labels"), [0, 0, 8]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.EndsWith("the file ends after 3 bytes, inside the 4-byte magic number.", error.Message);
    }

    [Fact]
    public void Bytes_after_the_values_are_an_error_too()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("labels"), [.. IdxFile.Labels(1, 2), 7, 7]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"Expected 2 = 2 bytes of values after the 8-byte header in '{path}'; got 4 (2 more than the header says).", error.Message);
    }

    [Fact]
    public void An_empty_file_says_it_is_empty()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("labels"), []);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"Expected IDX labels (magic 0x00000801: unsigned bytes, 1 dimension (count)) in '{path}'; the file is empty (0 bytes).", error.Message);
    }

    [Fact]
    public void An_empty_gzip_stream_says_it_is_empty_after_decompression()
    {
        using var folder = new TemporaryFolder();
        // What gzip -n writes for no input (.NET's GZipStream writes nothing at all for nothing written).
        byte[] emptyGzip = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        var path = IdxFile.Write(folder.File("labels.gz"), emptyGzip);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.EndsWith("the file is empty (after gzip decompression).", error.Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_says_decompression_failed()
    {
        using var folder = new TemporaryFolder();
        var gzip = IdxFile.Gzip(IdxFile.Images(10, 28, 28));
        // Keep the 10-byte gzip header, overwrite the start of the deflate data with bytes no deflate block begins with
        // (block type 11 is reserved).
        for (var i = 10; i < 20; i++) gzip[i] = 0xFF;
        var path = IdxFile.Write(folder.File("images.gz"), gzip);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith($"Expected a valid gzip stream in '{path}' (it starts with the gzip signature 1F 8B), holding IDX images", error.Message);
        Assert.Contains("decompressing failed: ", error.Message);
    }

    [Fact]
    public void Different_counts_of_images_and_labels_name_both_files()
    {
        using var folder = new TemporaryFolder();
        var images = IdxFile.Write(folder.File("images"), IdxFile.Images(3, 2, 2));
        var labels = IdxFile.Write(folder.File("labels"), IdxFile.Labels(0, 1));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImageSet(images, labels, classCount: 2));

        Assert.Equal($"Expected as many labels as images: '{images}' holds 3 images, '{labels}' holds 2 labels.", error.Message);
    }

    [Fact]
    public void A_label_out_of_range_names_its_position_and_value()
    {
        using var folder = new TemporaryFolder();
        var images = IdxFile.Write(folder.File("images"), IdxFile.Images(3, 2, 2));
        var labels = IdxFile.Write(folder.File("labels"), IdxFile.Labels(0, 10, 1));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImageSet(images, labels, classCount: 10));

        Assert.Equal($"Expected labels in [0, 10) in '{labels}'; label 1 is 10.", error.Message);
    }

    [Fact]
    public void Images_of_zero_rows_or_columns_are_refused()
    {
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("images"), IdxFile.Build(0x803, [5, 0, 28], []));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"Expected images of at least 1 x 1 pixels in '{path}'; its header says 0 x 28.", error.Message);
    }

    [Fact]
    public void A_header_claiming_more_values_than_the_file_holds_does_not_overflow()
    {
        // 2^31 - 1 cubed overflows a long; the reader must still say "truncated", not allocate or wrap around.
        using var folder = new TemporaryFolder();
        var path = IdxFile.Write(folder.File("images"), IdxFile.Build(0x803, [int.MaxValue, int.MaxValue, int.MaxValue], [1, 2, 3]));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.EndsWith("got 3 (the file is truncated).", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(folder.File("absent")));

        Assert.Contains($"at '{folder.File("absent")}'; there is no such file.", error.Message);
    }

    private static byte[] Maybe(bool gzip, byte[] content) => gzip ? IdxFile.Gzip(content) : content;
}
