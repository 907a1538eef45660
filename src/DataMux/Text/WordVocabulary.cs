using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Text;

/// <summary>
/// Ids for text that comes already split into words (a tagged corpus such as the Brown corpus): the most frequent
/// training words, lower-cased by default, get ids 2, 3, ... in order of decreasing frequency (ties: the word seen first
/// comes first); 0 is padding, 1 every other word. <see cref="Encode"/> and <see cref="EncodeLabelled"/> make the
/// <c>[rows, MaxLength]</c> int64 rows a model takes, truncating longer sentences and counting them in the report.
/// </summary>
public sealed class WordVocabulary
{
    /// <summary>The padding id.</summary>
    public const long PaddingId = 0;

    /// <summary>The id of words outside the vocabulary.</summary>
    public const long UnknownId = 1;

    private readonly Dictionary<string, long> ids;

    private WordVocabulary(Dictionary<string, long> ids, int maxLength, bool lowerCase)
    {
        this.ids = ids;
        MaxLength = maxLength;
        LowerCase = lowerCase;
    }

    /// <summary>Ids are in <c>[0, Vocabulary)</c>: use it as the model's Vocabulary.</summary>
    public int Vocabulary => ids.Count + 2;

    /// <summary>Words per encoded row.</summary>
    public int MaxLength { get; }

    /// <summary>Whether words are lower-cased before they are looked up.</summary>
    public bool LowerCase { get; }

    /// <summary>The words with an id of their own, in id order (id 2 first).</summary>
    public IReadOnlyList<string> Words => ids.OrderBy(pair => pair.Value).Select(pair => pair.Key).ToList();

    /// <summary>Builds the vocabulary from <paramref name="sentences"/>' word counts.</summary>
    /// <param name="sentences">Training sentences, as words.</param>
    /// <param name="words">How many words get an id of their own (at least 1); fewer when the sentences hold fewer distinct words.</param>
    /// <param name="maxLength">Words per encoded row (at least 1).</param>
    /// <param name="lowerCase">Whether words are lower-cased first.</param>
    public static WordVocabulary Fit(IEnumerable<IReadOnlyList<string>> sentences, int words, int maxLength, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (words < 1) throw new ArgumentOutOfRangeException(nameof(words), words, "Expected at least 1 word with an id of its own.");
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "Expected a maximum length of at least 1 word.");
        var counts = new Dictionary<string, (long Count, long First)>(StringComparer.Ordinal);
        long seen = 0;
        foreach (var sentence in sentences)
        {
            ArgumentNullException.ThrowIfNull(sentence, nameof(sentences));
            foreach (var word in sentence)
            {
                if (string.IsNullOrEmpty(word)) throw new ArgumentException("Expected words of at least one character, but a sentence holds an empty or null word.", nameof(sentences));
                var key = lowerCase ? word.ToLowerInvariant() : word;
                counts[key] = counts.TryGetValue(key, out var entry) ? (entry.Count + 1, entry.First) : (1, seen);
                seen++;
            }
        }

        if (counts.Count == 0) throw new ArgumentException("Expected training sentences with at least one word, but got none.", nameof(sentences));
        var kept = counts.OrderByDescending(pair => pair.Value.Count).ThenBy(pair => pair.Value.First).Take(words)
            .Select((pair, rank) => (pair.Key, Id: rank + 2L)).ToDictionary(pair => pair.Key, pair => pair.Id, StringComparer.Ordinal);
        return new WordVocabulary(kept, maxLength, lowerCase);
    }

    /// <summary>The id of one word (<see cref="UnknownId"/> outside the vocabulary).</summary>
    public long Id(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return ids.TryGetValue(LowerCase ? word.ToLowerInvariant() : word, out var id) ? id : UnknownId;
    }

    /// <summary>Encodes sentences into <c>[rows, MaxLength]</c> int64 (CPU), padded with <see cref="PaddingId"/>.</summary>
    /// <param name="sentences">At least one sentence of at least one word.</param>
    public (Tensor Tokens, EncodingReport Report) Encode(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var (tokens, _, report) = EncodeRows(sentences, null);
        return (tokens, report);
    }

    /// <summary>
    /// Encodes sentences and one label per word into <c>[rows, MaxLength]</c> int64 tokens and labels; padding positions
    /// get <paramref name="ignoredLabel"/> (the trainer's <c>IgnoreLabel</c>).
    /// </summary>
    /// <param name="sentences">At least one sentence of at least one word.</param>
    /// <param name="labels">One label per word of every sentence (same counts).</param>
    /// <param name="ignoredLabel">The label of positions that count in neither loss nor accuracy.</param>
    public (Tensor Tokens, Tensor Labels, EncodingReport Report) EncodeLabelled(
        IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<IReadOnlyList<long>> labels, long ignoredLabel = -100)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var (tokens, encodedLabels, report) = EncodeRows(sentences, (labels, ignoredLabel));
        return (tokens, encodedLabels!, report);
    }

    private (Tensor Tokens, Tensor? Labels, EncodingReport Report) EncodeRows(
        IReadOnlyList<IReadOnlyList<string>> sentences, (IReadOnlyList<IReadOnlyList<long>> Labels, long Ignored)? labelled)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0) throw new ArgumentException("Expected at least one sentence.", nameof(sentences));
        if (labelled is { } l && l.Labels.Count != sentences.Count)
            throw new ArgumentException($"Expected one label list per sentence ({sentences.Count}), but got {l.Labels.Count}.", "labels");
        if ((long)sentences.Count * MaxLength > Array.MaxLength)
            throw new ArgumentException($"Expected at most {Array.MaxLength / MaxLength} sentences per call at MaxLength {MaxLength}, but got {sentences.Count}; encode them in parts.", nameof(sentences));

        var values = new long[sentences.Count * MaxLength];
        var labelValues = labelled is null ? null : new long[values.Length];
        if (labelValues is not null) Array.Fill(labelValues, labelled!.Value.Ignored);
        var (truncated, dropped, unknown, total) = (0, 0L, 0L, 0L);
        for (var row = 0; row < sentences.Count; row++)
        {
            var sentence = sentences[row] ?? throw new ArgumentException($"Expected no null sentences, but sentence {row} is null.", nameof(sentences));
            if (sentence.Count == 0) throw new ArgumentException($"Expected sentences of at least one word, but sentence {row} is empty.", nameof(sentences));
            if (labelled is { } lab && (lab.Labels[row]?.Count ?? -1) != sentence.Count)
                throw new ArgumentException($"Expected one label per word, but sentence {row} has {sentence.Count} words and {lab.Labels[row]?.Count.ToString(CultureInfo.InvariantCulture) ?? "null"} labels.", "labels");
            var length = Math.Min(sentence.Count, MaxLength);
            if (sentence.Count > MaxLength) { truncated++; dropped += sentence.Count - MaxLength; }
            for (var i = 0; i < length; i++)
            {
                var id = Id(sentence[i] ?? throw new ArgumentException($"Expected no null words, but sentence {row} holds one.", nameof(sentences)));
                values[row * MaxLength + i] = id;
                if (id == UnknownId) unknown++;
                total++;
                if (labelValues is not null) labelValues[row * MaxLength + i] = labelled!.Value.Labels[row][i];
            }
        }

        var shape = new long[] { sentences.Count, MaxLength };
        return (torch.tensor(values, shape), labelValues is null ? null : torch.tensor(labelValues, shape),
            new EncodingReport(sentences.Count, truncated, dropped, unknown, total));
    }
}

/// <summary>What an encoding kept and what it could not.</summary>
/// <param name="Rows">Rows encoded.</param>
/// <param name="TruncatedRows">Rows longer than MaxLength, cut to it.</param>
/// <param name="DroppedTokens">Tokens (or words) cut off those rows.</param>
/// <param name="UnknownTokens">Kept tokens that map to the unknown id.</param>
/// <param name="KeptTokens">Tokens kept in all.</param>
public sealed record EncodingReport(int Rows, int TruncatedRows, long DroppedTokens, long UnknownTokens, long KeptTokens)
{
    /// <summary>A one-line account for a console, e.g. "12 of 4,000 rows longer than 32 tokens were cut (301 tokens)".</summary>
    public string Describe(int maxLength) => TruncatedRows == 0
        ? string.Create(CultureInfo.InvariantCulture, $"no row was longer than {maxLength}; {UnknownTokens:N0} of {KeptTokens:N0} tokens unknown")
        : string.Create(CultureInfo.InvariantCulture, $"{TruncatedRows:N0} of {Rows:N0} rows longer than {maxLength} were cut ({DroppedTokens:N0} tokens dropped); {UnknownTokens:N0} of {KeptTokens:N0} kept tokens unknown");
}
