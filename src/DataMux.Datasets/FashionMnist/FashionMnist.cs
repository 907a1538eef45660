using System.Collections.Generic;
using System.IO;
using DataMux.Datasets.Debian;

namespace DataMux.Datasets.FashionMnist;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, Zalando Research): 28 x 28 grey-scale images of clothing in ten
/// classes, 60,000 for training and 10,000 for testing, 6,000 and 1,000 per class. It ships as Debian's package
/// <c>dataset-fashion-mnist</c>, which is downloaded once into the data-set cache (<see cref="DebianPackageCache"/>:
/// <c>apt-get download</c> and <c>dpkg-deb -x</c>, nothing installed); the .deb and each IDX file are checked against
/// their pinned SHA-256.
/// </summary>
public static class FashionMnist
{
    /// <summary>The Debian package that carries the data.</summary>
    public const string PackageName = "dataset-fashion-mnist";

    /// <summary>The pinned package version (Debian 12 "bookworm", main).</summary>
    public const string PackageVersion = "0.0~git20200523.55506a9-1";

    /// <summary>The .deb's SHA-256 as Debian's archive publishes it (<c>apt-cache show dataset-fashion-mnist</c>, field SHA256).</summary>
    public const string PackageSha256 = "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0";

    /// <summary>Where the package puts the IDX files, relative to its unpacked folder.</summary>
    public const string DataFolder = "usr/share/datasets/fashion-mnist";

    /// <summary>Training images.</summary>
    public const int TrainCount = 60_000;

    /// <summary>Test images.</summary>
    public const int TestCount = 10_000;

    /// <summary>Image height and width in pixels.</summary>
    public const int ImageSize = 28;

    /// <summary>The class names, indexed by label (the order of the data set's README).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The four gzip-compressed IDX files of the package and their SHA-256 (<c>sha256sum</c> of the unpacked files).</summary>
    public static IReadOnlyDictionary<string, string> FileSha256 { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
        ["train-labels-idx1-ubyte.gz"] = "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
        ["t10k-images-idx3-ubyte.gz"] = "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
        ["t10k-labels-idx1-ubyte.gz"] = "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
    };

    /// <summary>
    /// Loads the training and test sets (file order), downloading the package on first use. Pixels are scaled from
    /// 0..255 to [0, 1], one channel.
    /// </summary>
    /// <param name="cache">The package cache; null uses a default <see cref="DebianPackageCache"/> (the data-set cache, apt-get and dpkg-deb from PATH).</param>
    /// <exception cref="DebianToolNotFoundException">apt-get or dpkg-deb is needed and cannot be started.</exception>
    /// <exception cref="InvalidDataException">A file is missing, does not have its pinned SHA-256, or does not hold the expected images.</exception>
    public static FashionMnistData Load(DebianPackageCache? cache = null)
    {
        cache ??= new DebianPackageCache();
        var folder = cache.GetPackage(PackageName, PackageVersion, PackageSha256);
        var train = Read(folder, "train", TrainCount);
        var test = Read(folder, "t10k", TestCount);
        return new FashionMnistData(train, test);
    }

    private static ImageSet Read(string packageFolder, string prefix, int expectedCount)
    {
        var images = Checked(packageFolder, $"{prefix}-images-idx3-ubyte.gz");
        var labels = Checked(packageFolder, $"{prefix}-labels-idx1-ubyte.gz");
        var set = IdxReader.ReadImageSet(images, labels, ClassNames.Count);
        if (set.Count != expectedCount || set.Height != ImageSize || set.Width != ImageSize)
        {
            throw new InvalidDataException(
                $"Expected {expectedCount} images of {ImageSize} x {ImageSize} in '{images}'; got {set.Count} of {set.Height} x {set.Width}.");
        }
        return set;
    }

    // The .deb was checked when it was downloaded; the files are checked again on every load because the cache is an
    // ordinary folder that anything may have changed since.
    private static string Checked(string packageFolder, string file)
    {
        var path = Path.Combine(packageFolder, DataFolder, file);
        if (!File.Exists(path))
            throw new InvalidDataException($"Expected '{path}' in {PackageName} {PackageVersion}; it is missing (delete '{packageFolder}' to fetch the package again).");
        var actual = DebianPackageCache.Sha256Of(path);
        var expected = FileSha256[file];
        if (actual != expected)
            throw new InvalidDataException($"Expected '{path}' to have the pinned SHA-256 {expected}; it has {actual} (changed since it was unpacked? delete '{packageFolder}' to fetch the package again).");
        return path;
    }
}
