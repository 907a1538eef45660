using System.IO;
using System.Linq;
using DataMux.Datasets.Debian;
using DataMux.Testing;
using Xunit;

namespace DataMux.Datasets.Tests;

// Inside the namespace: the class FashionMnist must win over the namespace DataMux.Datasets.FashionMnist, which a
// lookup from DataMux.Datasets.Tests would otherwise find first.
using DataMux.Datasets.FashionMnist;

public sealed class FashionMnistTests
{
    [Fact]
    public void Load_fetches_the_pinned_package_and_returns_the_published_split()
    {
        // The real download (apt-get download + dpkg-deb -x) into the data-set cache on first use; tests/run-all.sh
        // points DATAMUX_CACHE at a folder of its own run.
        var data = FashionMnist.Load();

        Assert.Equal((60_000, 1, 28, 28), (data.Train.Count, data.Train.Channels, data.Train.Height, data.Train.Width));
        Assert.Equal((10_000, 1, 28, 28), (data.Test.Count, data.Test.Channels, data.Test.Height, data.Test.Width));
        Assert.Equal(60_000 * 784, data.Train.Pixels.Length);
        Assert.Equal(Enumerable.Repeat(6_000, 10), data.Train.CountPerLabel(FashionMnist.ClassNames.Count));
        Assert.Equal(Enumerable.Repeat(1_000, 10), data.Test.CountPerLabel(FashionMnist.ClassNames.Count));
        // Pixels span the whole scaled range: black background and white somewhere.
        var train = data.Train.Pixels.Span;
        Assert.Equal(0f, Min(train));
        Assert.Equal(1f, Max(train));
        // The files' first labels (the IDX bytes after the header): ankle boot, T-shirt, T-shirt, dress; ankle boot, pullover, trouser, trouser.
        Assert.Equal(new long[] { 9, 0, 0, 3 }, data.Train.Labels[..4].ToArray());
        Assert.Equal(new long[] { 9, 2, 1, 1 }, data.Test.Labels[..4].ToArray());
        // Fashion-MNIST's images are mostly background: roughly half of all pixels are 0.
        var background = 0;
        foreach (var pixel in train) if (pixel == 0f) background++;
        Assert.InRange(background / (double)train.Length, 0.4, 0.6);
    }

    [Fact]
    public void ClassNames_are_the_ten_published_ones_in_label_order()
    {
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], FashionMnist.ClassNames);
    }

    [Fact]
    public void A_cached_file_that_no_longer_has_its_pinned_checksum_is_refused()
    {
        // A cache folder marked finished for the pinned .deb (the marker's format: NAME=VERSION, then the .deb's
        // SHA-256) whose training images were changed afterwards. No network: the marker makes the cache serve it.
        using var root = new TemporaryFolder();
        var cache = new DebianPackageCache(root.Path, aptGetExecutable: Path.Combine(root.Path, "no-apt-get-needed"));
        var folder = cache.PackageFolder(FashionMnist.PackageName, FashionMnist.PackageVersion);
        var data = Path.Combine(folder, FashionMnist.DataFolder);
        Directory.CreateDirectory(data);
        foreach (var file in FashionMnist.FileSha256.Keys) File.WriteAllBytes(Path.Combine(data, file), IdxFile.Gzip(IdxFile.Labels(1)));
        File.WriteAllText(Path.Combine(folder, ".datamux-complete"), $"{FashionMnist.PackageName}={FashionMnist.PackageVersion}\n{FashionMnist.PackageSha256}\n");
        Assert.True(cache.IsCached(FashionMnist.PackageName, FashionMnist.PackageVersion));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(cache));

        var path = Path.Combine(data, "train-images-idx3-ubyte.gz");
        Assert.StartsWith($"Expected '{path}' to have the pinned SHA-256 {FashionMnist.FileSha256["train-images-idx3-ubyte.gz"]}; it has ", error.Message);
        Assert.EndsWith($"(changed since it was unpacked? delete '{folder}' to fetch the package again).", error.Message);
    }

    [Fact]
    public void A_cached_package_missing_a_file_names_it()
    {
        using var root = new TemporaryFolder();
        var cache = new DebianPackageCache(root.Path, aptGetExecutable: Path.Combine(root.Path, "no-apt-get-needed"));
        var folder = cache.PackageFolder(FashionMnist.PackageName, FashionMnist.PackageVersion);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ".datamux-complete"), $"{FashionMnist.PackageName}={FashionMnist.PackageVersion}\n{FashionMnist.PackageSha256}\n");

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(cache));

        Assert.Equal(
            $"Expected '{Path.Combine(folder, FashionMnist.DataFolder, "train-images-idx3-ubyte.gz")}' in dataset-fashion-mnist 0.0~git20200523.55506a9-1; it is missing (delete '{folder}' to fetch the package again).",
            error.Message);
    }

    private static float Min(System.ReadOnlySpan<float> values)
    {
        var min = float.MaxValue;
        foreach (var v in values) if (v < min) min = v;
        return min;
    }

    private static float Max(System.ReadOnlySpan<float> values)
    {
        var max = float.MinValue;
        foreach (var v in values) if (v > max) max = v;
        return max;
    }
}
