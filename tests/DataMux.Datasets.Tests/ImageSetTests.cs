using System;
using System.Linq;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class ImageSetTests
{
    // Five 1 x 2 x 2 images; pixel j of image i is (4i + j) / 64 (exact in binary), and its label is i.
    private static ImageSet Five() =>
        new(Enumerable.Range(0, 20).Select(k => k / 64f).ToArray(), [0, 1, 2, 3, 4], channels: 1, height: 2, width: 2);

    private static float[] PixelsOf(params int[] images) => images.SelectMany(i => Enumerable.Range(4 * i, 4)).Select(k => k / 64f).ToArray();

    [Fact]
    public void Shape_and_image_slices_follow_count_channels_height_width()
    {
        var set = Five();

        Assert.Equal((5, 1, 2, 2, 4), (set.Count, set.Channels, set.Height, set.Width, set.PixelsPerImage));
        Assert.Equal(PixelsOf(3), set.Image(3).ToArray());
    }

    [Fact]
    public void Take_and_Skip_split_in_order()
    {
        var set = Five();

        var first = set.Take(2);
        var rest = set.Skip(2);

        Assert.Equal(new long[] { 0, 1 }, first.Labels.ToArray());
        Assert.Equal(PixelsOf(0, 1), first.Pixels.ToArray());
        Assert.Equal(new long[] { 2, 3, 4 }, rest.Labels.ToArray());
        Assert.Equal(PixelsOf(2, 3, 4), rest.Pixels.ToArray());
    }

    [Fact]
    public void Select_keeps_the_given_order_and_moves_pixels_with_their_labels()
    {
        var set = Five().Select([4, 0, 4]);

        Assert.Equal(new long[] { 4, 0, 4 }, set.Labels.ToArray());
        Assert.Equal(PixelsOf(4, 0, 4), set.Pixels.ToArray());
    }

    [Fact]
    public void Shuffle_is_a_permutation_fixed_by_the_seed_with_pixels_following_labels()
    {
        var set = new ImageSet(Enumerable.Range(0, 400).Select(k => k / 4 / 100f).ToArray(), Enumerable.Range(0, 100).Select(i => (long)i).ToArray(), 1, 2, 2);

        var once = set.Shuffle(seed: 7);
        var again = set.Shuffle(seed: 7);
        var other = set.Shuffle(seed: 8);

        Assert.Equal(once.Labels.ToArray(), again.Labels.ToArray());
        Assert.NotEqual(once.Labels.ToArray(), other.Labels.ToArray());
        Assert.NotEqual(set.Labels.ToArray(), once.Labels.ToArray());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), once.Labels.ToArray().Order());
        for (var i = 0; i < once.Count; i++) Assert.Equal(once.Labels.Span[i] / 100f, once.Image(i).Span[0]);
    }

    [Fact]
    public void CountPerLabel_counts_each_class()
    {
        var set = new ImageSet(new float[4], [2, 0, 2, 2], 1, 1, 1);

        Assert.Equal(new[] { 1, 0, 3 }, set.CountPerLabel(3));
        Assert.Equal("Expected labels below 2; label 0 is 2.", Assert.Throws<InvalidOperationException>(() => set.CountPerLabel(2)).Message);
    }

    [Fact]
    public void Pixels_not_matching_the_shape_are_refused_with_both_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageSet(new float[7], [0, 1], 1, 2, 2));

        Assert.StartsWith("Expected 2 images x 1 x 2 x 2 = 8 pixels (one image per label); got 7.", error.Message);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void Pixels_outside_zero_to_one_are_refused(float value)
    {
        var pixels = new float[8];
        pixels[6] = value;

        var error = Assert.Throws<ArgumentException>(() => new ImageSet(pixels, [0, 1], 1, 2, 2));

        Assert.StartsWith($"Expected pixels scaled to [0, 1]; pixel 6 (image 1) is {value}.", error.Message);
    }

    [Fact]
    public void Negative_labels_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageSet(new float[2], [0, -1], 1, 1, 1));

        Assert.StartsWith("Expected non-negative labels; label 1 is -1.", error.Message);
    }

    [Fact]
    public void Indices_and_counts_outside_the_set_are_refused()
    {
        var set = Five();

        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Take(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Skip(-1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => set.Select([1, 5]));
        Assert.StartsWith("Expected indices in [0, 5); position 1 holds 5.", error.Message);
    }
}
