using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>A warmed-up model's retrieval head and where it came from.</summary>
/// <param name="Head">The head, to pass to <see cref="MultiplexedTrainer.Train{TModel}"/>.</param>
/// <param name="Summary">The warm-up run's summary, or null when it was loaded from the cache.</param>
/// <param name="CachePath">The cached warm-up file.</param>
/// <param name="Note">What happened to a cache file that could not be used (and was replaced), or null.</param>
/// <param name="RetrievalAccuracy">The warm-up's retrieval accuracy over its last steps (recorded in the cache file too).</param>
public sealed record WarmupResult(RetrievalHead Head, TrainingSummary? Summary, string CachePath, string? Note, double? RetrievalAccuracy)
{
    /// <summary>Whether the weights came from the cache (no warm-up ran in this process).</summary>
    public bool FromCache => Summary is null;
}

/// <summary>
/// The retrieval warm-up, paid once per configuration: the result (the model's weights but its task head, and the
/// retrieval head) is kept in <c>&lt;cache&gt;/warmups/</c> under a key of the model's configuration (seed included; the
/// task and its classes left out, since the warm-up never touches the task head, so that a tagger and a classifier of
/// one backbone share their warm-up), the options, the rows and this file format's version. A later call with the same key loads it instead of training; a run that was stopped
/// resumes from its checkpoint (<c>&lt;key&gt;.partial/</c>). A cache file that is damaged, or was written by another
/// format version, is trained again and replaced (the result's <see cref="WarmupResult.Note"/> says so).
/// </summary>
public static class RetrievalWarmup
{
    /// <summary>The warm-up cache format: part of every key, so that files of another version are never read as this one's.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Loads the cached warm-up of <paramref name="model"/> for these rows and options into it, or runs
    /// <see cref="MultiplexedTrainer.WarmUp{TModel}"/> and caches the result.
    /// </summary>
    /// <param name="model">A freshly built model (its seed is part of the key).</param>
    /// <param name="tokens">Unlabelled rows <c>[rows, L]</c> int64.</param>
    /// <param name="options">The warm-up run's settings (its checkpoint folder is the cache's own).</param>
    /// <param name="cacheFolder">The cache's root folder, e.g. the data-set cache.</param>
    /// <param name="progress">Told about every step, or null.</param>
    /// <param name="cancellationToken">Stops the warm-up (its checkpoint stays for the next call).</param>
    public static WarmupResult LoadOrRun<TModel>(
        TModel model, Tensor tokens, TrainingOptions options, string cacheFolder,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(cacheFolder);
        options.Validate();
        var folder = Path.Combine(Path.GetFullPath(cacheFolder), "warmups");
        var key = Key(model.Configuration, options, tokens);
        var path = Path.Combine(folder, $"warmup-{key}.dmx");
        var head = new RetrievalHead(model.Configuration);
        string? note = null;
        if (File.Exists(path))
        {
            try
            {
                var recorded = Load(model, head, path);
                return new WarmupResult(head, null, path, null, recorded);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
            {
                note = $"The cached warm-up '{path}' could not be used ({e.Message}); it was trained again and replaced.";
            }
        }

        // The finished warm-up is shared by the tasks of one backbone, but an unfinished one's checkpoint holds the whole
        // model, task head included: each task resumes its own.
        var partial = PartialFolder(path, model.Configuration);
        var summary = MultiplexedTrainer.WarmUp(model, head, tokens, options with { CheckpointFolder = partial }, progress, cancellationToken);
        using (torch.NewDisposeScope())
        {
            var header = ModelCheckpoints.Header("warmup", model.Configuration);
            header["version"] = FormatVersion;
            header["key"] = key;
            header["retrievalAccuracy"] = summary.RetrievalAccuracy;
            CheckpointFile.Write(path, header,
                ModelCheckpoints.Prefixed(ModelCheckpoints.ModelPrefix, WithoutTaskHead(model.state_dict())).Concat(ModelCheckpoints.Prefixed("retrieval/", head.state_dict())));
        }

        // Every task's unfinished run of this warm-up is superseded by the finished one.
        foreach (var unfinished in Directory.GetDirectories(folder, Path.GetFileNameWithoutExtension(path) + ".*.partial"))
            Directory.Delete(unfinished, recursive: true);
        return new WarmupResult(head, summary, path, note, summary.RetrievalAccuracy);
    }

    /// <summary>The checkpoint folder of an unfinished warm-up at <paramref name="path"/> for <paramref name="configuration"/>'s task.</summary>
    internal static string PartialFolder(string path, ModelConfiguration configuration) =>
        Path.ChangeExtension(path, string.Create(CultureInfo.InvariantCulture, $".{configuration.Task}{configuration.Outputs}.partial"));

    /// <summary>Loads a cached warm-up into the model and head; returns the retrieval accuracy it recorded.</summary>
    private static double? Load<TModel>(TModel model, RetrievalHead head, string path)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        var (header, tensors) = CheckpointFile.Read(path);
        try
        {
            if ((string?)header["kind"] != "warmup" || (int?)header["version"] != FormatVersion)
                throw new InvalidDataException($"it is not a warm-up of format version {FormatVersion}");
            var backbone = ConfigurationFingerprint.Describe(model.Configuration);
            var recorded = header["configuration"] as JsonObject;
            foreach (var name in new[] { "Task", "Outputs" }) { backbone.Remove(name); recorded?.Remove(name); }
            if (recorded?.ToJsonString() != backbone.ToJsonString())
                throw new InvalidOperationException($"it was written for another backbone ({recorded?.ToJsonString()})");
            ModelCheckpoints.Assign(model, ModelCheckpoints.Unprefixed(ModelCheckpoints.ModelPrefix, tensors), path, "model", skip: IsTaskHead);
            ModelCheckpoints.Assign(head, ModelCheckpoints.Unprefixed("retrieval/", tensors), path, "retrieval head");
            return (double?)header["retrievalAccuracy"];
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    /// <summary>The task head's tensors, which the warm-up never trains: left out of the cache so that tasks share it.</summary>
    private static bool IsTaskHead(string name) => name.StartsWith("head.", StringComparison.Ordinal);

    private static System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, Tensor>> WithoutTaskHead(
        System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, Tensor>> tensors) =>
        tensors.Where(pair => !IsTaskHead(pair.Key));

    /// <summary>
    /// The cache key: a SHA-256 (first 16 bytes, hex) of the format version, the configuration without the task and its
    /// classes, the options and the rows.
    /// </summary>
    private static string Key(ModelConfiguration configuration, TrainingOptions options, Tensor tokens)
    {
        var backbone = ConfigurationFingerprint.Describe(configuration);
        backbone.Remove("Task");
        backbone.Remove("Outputs");
        var text = new StringBuilder()
            .Append("format=").Append(FormatVersion).Append('\n')
            .Append(backbone.ToJsonString()).Append('\n')
            .AppendJoin('\n', options.Fingerprint().Select(pair => pair.Key + "=" + pair.Value)).Append('\n')
            .Append(TrainingData.Fingerprint(tokens));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 16).ToLowerInvariant();
    }
}
