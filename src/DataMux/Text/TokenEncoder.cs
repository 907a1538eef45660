using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Text;

/// <summary>
/// Turns text into the <c>[rows, MaxLength]</c> int64 token ids a model takes: a real tokenizer splits the text and
/// a compact vocabulary maps the most frequent tokenizer ids of the training texts to <c>[2, Vocabulary)</c>, so a
/// small model need not embed the tokenizer's whole vocabulary (50k ids for GPT-2). Id 0 is padding, id 1 stands for
/// every tokenizer id outside the compact vocabulary. Texts longer than <see cref="MaxLength"/> tokens are truncated
/// (their first <see cref="MaxLength"/> tokens are kept); shorter ones are padded with 0 at the end. A model that reads
/// these ids must take padding id 0 and at least this vocabulary and length: <see cref="EnsureFits"/> checks that, and
/// <see cref="Save"/> / <see cref="Load"/> keep the vocabulary with the model's weights.
/// </summary>
public sealed partial class TokenEncoder
{
    /// <summary>The padding id.</summary>
    public const long PaddingId = 0;

    /// <summary>The id of tokens outside the compact vocabulary.</summary>
    public const long UnknownId = 1;

    private readonly Tokenizer tokenizer;
    private readonly Dictionary<int, long> compact;

    private TokenEncoder(Tokenizer tokenizer, Dictionary<int, long> compact, int vocabulary, int maxLength)
    {
        this.tokenizer = tokenizer;
        this.compact = compact;
        Vocabulary = vocabulary;
        MaxLength = maxLength;
    }

    /// <summary>Ids the encoder produces are in <c>[0, Vocabulary)</c>: use it as the model's Vocabulary.</summary>
    public int Vocabulary { get; }

    /// <summary>Tokens per encoded row (use it as, or below, the model's MaxLength).</summary>
    public int MaxLength { get; }

    /// <summary>Number of tokenizer ids that have their own compact id (at most <c>Vocabulary − 2</c>).</summary>
    public int KnownTokens => compact.Count;

    /// <summary>
    /// Builds the compact vocabulary: the <c>vocabulary − 2</c> tokenizer ids most frequent in
    /// <paramref name="trainingTexts"/> get ids 2, 3, ... in order of decreasing frequency (ties broken by the smaller
    /// tokenizer id, so the result is deterministic).
    /// </summary>
    /// <param name="tokenizer">The tokenizer that splits text (for example a <see cref="TiktokenTokenizer"/>).</param>
    /// <param name="trainingTexts">Texts whose token frequencies decide the vocabulary.</param>
    /// <param name="vocabulary">Size of the compact vocabulary, padding and unknown included (at least 3).</param>
    /// <param name="maxLength">Tokens per encoded row (at least 1).</param>
    public static TokenEncoder Fit(Tokenizer tokenizer, IEnumerable<string> trainingTexts, int vocabulary, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(trainingTexts);
        if (vocabulary < 3) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "Expected a vocabulary of at least 3 ids (padding, unknown and one token).");
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "Expected a maximum length of at least 1 token.");

        var counts = new Dictionary<int, long>();
        var texts = 0;
        foreach (var text in trainingTexts)
        {
            texts++;
            if (text is null) throw new ArgumentException("Expected no null texts.", nameof(trainingTexts));
            foreach (var id in tokenizer.EncodeToIds(text))
                counts[id] = counts.TryGetValue(id, out var count) ? count + 1 : 1;
        }

        // An empty vocabulary would map every token of every text to the unknown id.
        if (counts.Count == 0)
            throw new ArgumentException($"Expected training texts with at least one token, but got {texts} text(s) without any.", nameof(trainingTexts));

        var compact = counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key)
            .Take(vocabulary - 2)
            .Select((pair, rank) => (pair.Key, Id: rank + 2L))
            .ToDictionary(pair => pair.Key, pair => pair.Id);
        return new TokenEncoder(tokenizer, compact, vocabulary, maxLength);
    }

    /// <summary>
    /// The encoder for a generated model: <paramref name="configuration"/>'s vocabulary and maximum length, after
    /// <see cref="EnsureFits"/>'s checks.
    /// </summary>
    /// <param name="tokenizer">The tokenizer that splits text.</param>
    /// <param name="trainingTexts">Texts whose token frequencies decide the vocabulary.</param>
    /// <param name="configuration">The model's configuration (a generated model's static <c>Configuration</c>).</param>
    public static TokenEncoder Fit(Tokenizer tokenizer, IEnumerable<string> trainingTexts, ModelConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        CheckPadding(configuration);
        if (configuration.Vocabulary < 3)
        {
            throw new ArgumentException(
                $"Expected a model vocabulary of at least 3 ids (padding, unknown and one token), but {configuration.ModelName} has Vocabulary = {configuration.Vocabulary}.",
                nameof(configuration));
        }

        return Fit(tokenizer, trainingTexts, configuration.Vocabulary, configuration.MaxLength);
    }

    /// <summary>
    /// Throws unless a model of <paramref name="configuration"/> reads this encoder's rows as meant: its padding id must
    /// be <see cref="PaddingId"/> (otherwise padding would count as content, and the unknown id as padding, without an
    /// error), and it must accept ids below <see cref="Vocabulary"/> and rows of <see cref="MaxLength"/> tokens.
    /// </summary>
    /// <param name="configuration">The model's configuration.</param>
    public void EnsureFits(ModelConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        CheckPadding(configuration);
        if (configuration.Vocabulary < Vocabulary || configuration.MaxLength < MaxLength)
        {
            throw new ArgumentException(
                $"Expected a model that takes this encoder's ids below {Vocabulary} and rows of {MaxLength} tokens, but " +
                $"{configuration.ModelName} has Vocabulary = {configuration.Vocabulary} and MaxLength = {configuration.MaxLength}.",
                nameof(configuration));
        }
    }

    private static void CheckPadding(ModelConfiguration configuration)
    {
        if (configuration.PaddingToken != PaddingId)
        {
            throw new ArgumentException(
                $"Expected a model whose PaddingToken is the encoder's padding id {PaddingId}, but {configuration.ModelName} has " +
                $"PaddingToken = {configuration.PaddingToken} (the encoder's unknown id is {UnknownId}).", nameof(configuration));
        }
    }

    /// <summary>The compact ids of one text: at most <see cref="MaxLength"/> of them, unpadded.</summary>
    /// <param name="text">The text.</param>
    public long[] EncodeIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Asking the tokenizer for at most MaxLength tokens avoids tokenizing the whole of a long text.
        var ids = tokenizer.EncodeToIds(text, MaxLength, out _, out _);
        var result = new long[ids.Count];
        for (var i = 0; i < result.Length; i++) result[i] = compact.TryGetValue(ids[i], out var id) ? id : UnknownId;
        return result;
    }

    /// <summary>
    /// Encodes <paramref name="texts"/> into <c>[texts.Count, MaxLength]</c> int64 (CPU), one row per text in order,
    /// truncated to <see cref="MaxLength"/> tokens and padded with <see cref="PaddingId"/>.
    /// </summary>
    /// <param name="texts">At least one text.</param>
    public Tensor Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("Expected at least one text.", nameof(texts));
        var total = (long)texts.Count * MaxLength;
        if (total > Array.MaxLength)
        {
            throw new ArgumentException(
                $"Expected at most {Array.MaxLength / MaxLength} texts per call at MaxLength {MaxLength} (one array holds the ids), but got {texts.Count}; encode them in parts.",
                nameof(texts));
        }

        var values = new long[total];
        for (var row = 0; row < texts.Count; row++)
        {
            var ids = EncodeIds(texts[row] ?? throw new ArgumentException($"Expected no null texts, but text {row} is null.", nameof(texts)));
            Array.Copy(ids, 0, values, (long)row * MaxLength, ids.Length);
        }

        return torch.tensor(values, new long[] { texts.Count, MaxLength });
    }

    /// <summary>
    /// <see cref="Encode"/> with an account of what did not fit: how many texts were longer than
    /// <see cref="MaxLength"/> tokens and were cut (and how many tokens that dropped), and how many kept tokens fell
    /// outside the compact vocabulary. Every text is tokenized whole to count what a cut drops.
    /// </summary>
    /// <param name="texts">At least one text.</param>
    public (Tensor Tokens, EncodingReport Report) EncodeReported(IReadOnlyList<string> texts)
    {
        var tokens = Encode(texts);
        var (truncated, dropped) = (0, 0L);
        foreach (var text in texts)
        {
            var count = tokenizer.CountTokens(text);
            if (count > MaxLength) { truncated++; dropped += count - MaxLength; }
        }

        using var scope = torch.NewDisposeScope();
        using var padding = PaddingId.ToScalar(); // held: see HeldScalars
        using var unknown = UnknownId.ToScalar();
        var kept = tokens.ne(padding).sum().item<long>();
        var unknownCount = tokens.eq(unknown).sum().item<long>();
        return (tokens, new EncodingReport(texts.Count, truncated, dropped, unknownCount, kept));
    }
}
