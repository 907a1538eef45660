using System.Globalization;
using DataMux.Generators.Models;

namespace DataMux.Generators.Emitting;

/// <summary>
/// Writes the class of an image model ([Mlp] or [Cnn] with [ImageClassification]) for <see cref="ModelEmitter"/>, which
/// writes the file around it. As there, no decisions are made here: the validator checked every value, and the runtime
/// library holds every part (backbones, muxes, demux, head, batching, checks).
/// </summary>
internal static class ImageModelEmitter
{
    private const string Tensor = "global::TorchSharp.torch.Tensor";
    private const string Batch = "global::DataMux.Images.ImageBatch";

    public static void WriteClass(SourceWriter writer, ModelSpec spec, string modifiers, string generatedCode)
    {
        var name = ModelEmitter.Identifier(spec.ClassName);
        writer.Line(generatedCode)
            .Open($"{modifiers}partial class {name} : global::TorchSharp.torch.nn.Module<{Tensor}, {Tensor}>, global::DataMux.Images.IMultiplexedImageModel");
        WriteConstants(writer, spec);
        WriteConfiguration(writer, spec);
        WriteFields(writer, spec);
        WriteConstructor(writer, spec);
        WriteForward(writer, spec);
        writer.Close();
    }

    private static bool IsMlp(ModelSpec spec) => spec.Backbone == BackboneKind.Mlp;

    // Demux.None (the plain backbone) reads the backbone's output directly; the validator allows no other demux without a module.
    private static bool HasDemux(ModelSpec spec) => spec.Demux is DemuxKind.Mlp or DemuxKind.LearnedKeys;

    private static string DemuxClass(ModelSpec spec) =>
        spec.Demux == DemuxKind.LearnedKeys ? "LearnedKeysImageDemultiplexer" : "PerIndexDemultiplexer";

    // The constant and the argument appear only when Dropout is set, so a model without it reads as before.
    private static bool HasDropout(ModelSpec spec) => IsMlp(spec) && spec.Dropout != 0;

    private static void WriteConstants(SourceWriter writer, ModelSpec spec)
    {
        writer.Constant("Inputs multiplexed into one backbone pass.", "int", "N", spec.N);
        if (IsMlp(spec))
        {
            writer.Constant("Features per input: inputs are <c>[rows, Inputs]</c> float32.", "int", "Inputs", spec.Inputs);
            writer.Constant("Width of the input projection, the mix and every layer.", "int", "Hidden", spec.Hidden);
            writer.Constant("Linear + GELU layers after the mix.", "int", "Layers", spec.Layers);
            if (HasDropout(spec)) writer.Constant("Dropout probability after every layer in training.", "double", "Dropout", spec.Dropout.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.Constant("Channels per image: inputs are <c>[rows, Channels, Height, Width]</c> float32.", "int", "Channels", spec.Channels);
            writer.Constant("Image height in pixels.", "int", "Height", spec.Height);
            writer.Constant("Image width in pixels.", "int", "Width", spec.Width);
            writer.Constant(spec.Mux == MuxKind.Convolution ? "Convolution + pooling blocks after the mix." : "Convolution + pooling blocks: the first on every image, the rest after the mix.",
                "int", "Layers", spec.Layers);
            writer.Constant("Output channels of every convolution.", "int", "Filters", spec.Filters);
            writer.Constant("Width of the representation the demultiplexer receives.", "int", "Hidden", spec.Hidden);
        }

        writer.Constant("Seed of the fixed mux transforms and the initial weights.", "int", "Seed", spec.Seed);
        writer.Constant("Norm of the Gaussian Hadamard vectors.", "double", "MuxNorm", spec.MuxNorm.ToString("R", CultureInfo.InvariantCulture));
        writer.Constant("Whether training updates the mux transforms.", "bool", "LearnMux", spec.LearnMux ? "true" : "false");
        writer.Constant("Classes per input.", "int", "Classes", spec.Outputs);
    }

    private static void WriteConfiguration(SourceWriter writer, ModelSpec spec) =>
        writer.Line("/// <summary>The attribute values this model was generated from.</summary>")
            .Line("public static global::DataMux.Images.ImageModelConfiguration Configuration { get; } = new(")
            .Line($"    {ModelEmitter.NameLiteral(spec)}, N, global::DataMux.Mux.{spec.Mux}, global::DataMux.Demux.{spec.Demux}, Seed,")
            .Line(IsMlp(spec)
                ? $"    global::DataMux.Images.ImageBackbone.Mlp, 0, 0, 0, Inputs, Hidden, Layers, 0, Classes, MuxNorm, LearnMux{(HasDropout(spec) ? ", Dropout" : "")});"
                : "    global::DataMux.Images.ImageBackbone.Cnn, Channels, Height, Width, Channels * Height * Width, Hidden, Layers, Filters, Classes, MuxNorm, LearnMux);")
            .Line()
            .Line("global::DataMux.Images.ImageModelConfiguration global::DataMux.Images.IMultiplexedImageModel.Configuration => Configuration;")
            .Line();

    private static void WriteFields(SourceWriter writer, ModelSpec spec) =>
        writer.Line("// Field names are the state-dict names: renaming one breaks saved checkpoints.")
            .LineIf(IsMlp(spec), "private readonly global::TorchSharp.Modules.Linear projection;")
            .Line($"private readonly global::DataMux.Multiplexers.{ModelEmitter.MuxClass(spec.Mux)} mux;")
            .Line($"private readonly global::DataMux.Backbones.{spec.Backbone}Backbone backbone;")
            .LineIf(HasDemux(spec), $"private readonly global::DataMux.Demultiplexers.{DemuxClass(spec)} demux;")
            .Line("private readonly global::DataMux.Heads.ImageClassificationHead head;")
            .Line();

    private static void WriteConstructor(SourceWriter writer, ModelSpec spec)
    {
        writer.Line("/// <summary>Builds the model with the fixed transforms and initial weights that <see cref=\"Seed\"/> gives.</summary>")
            .Line("/// <param name=\"device\">The device to move the model to; it stays on the CPU when null.</param>")
            .Open($"public {ModelEmitter.Identifier(spec.ClassName)}(global::TorchSharp.torch.Device? device = null) : base({ModelEmitter.NameLiteral(spec)})")
            .Open("using (global::DataMux.Seeding.Scope(Seed))")
            .LineIf(IsMlp(spec), "projection = global::TorchSharp.torch.nn.Linear(Inputs, Hidden);")
            .Line($"mux = new({MuxArguments(spec)});")
            .Line(IsMlp(spec) ? (HasDropout(spec) ? "backbone = new(Layers, Hidden, Dropout);" : "backbone = new(Layers, Hidden);") : "backbone = new(Channels, Height, Width, Layers, Filters, Hidden);")
            .LineIf(HasDemux(spec), "demux = new(N, Hidden);")
            .Line("head = new(Hidden, Classes);")
            .Close()
            .Line()
            .Line("RegisterComponents();")
            .Open("if (device is not null)")
            .Line("global::TorchSharp.ModuleExtensionMethods.to(this, device);")
            .Close()
            .Close()
            .Line();
    }

    private static void WriteForward(SourceWriter writer, ModelSpec spec)
    {
        var shape = IsMlp(spec) ? "<c>[rows, Inputs]</c>" : "<c>[rows, Channels, Height, Width]</c>";
        var encode = spec.Mux == MuxKind.Convolution
            ? "backbone.forward(mux.forward(batch.Images))"
            : IsMlp(spec)
                ? "backbone.forward(global::DataMux.Images.ImageMixing.Mix(mux, projection.forward(batch.Images)))"
                : "backbone.Trunk(global::DataMux.Images.ImageMixing.Mix(mux, backbone.Stem(batch.Images)))";
        var summary = spec.Mux == MuxKind.Convolution
            ? "Multiplexes every group of images and runs the backbone: <c>[G·N, Channels, Height, Width]</c> -> <c>[G, Hidden]</c>."
            : IsMlp(spec)
                ? "Projects every grouped row to Hidden, multiplexes every group and runs the backbone: <c>[G·N, Inputs]</c> -> <c>[G, Hidden]</c>."
                : "Runs the first block on every grouped image, multiplexes every group's feature maps and runs the other blocks: <c>[G·N, Channels, Height, Width]</c> -> <c>[G, Hidden]</c>.";
        writer.Line($"/// <summary>Maps inputs {shape} (float32) to logits <c>[rows, Classes]</c>, N rows per backbone pass.</summary>")
            .Open($"public override {Tensor} forward({Tensor} images)")
            .Line($"global::DataMux.Images.ImageChecks.Validate(images, {ModelEmitter.NameLiteral(spec)}, Configuration.InputShape, head.Device);")
            .Line("using global::TorchSharp.DisposeScope scope = global::TorchSharp.torch.NewDisposeScope();")
            .Line($"{Batch} batch = {Batch}.Group(images, N);")
            .Line($"{Tensor} logits = Decode(Encode(batch));")
            .Line("return scope.MoveToOuter(batch.Ungroup(logits));")
            .Close()
            .Line()
            .Line($"/// <summary>{summary}</summary>")
            .Line($"public {Tensor} Encode({Batch} batch) => {encode};")
            .Line()
            .Line("/// <summary>Demultiplexes the backbone's output and applies the head: logits for every grouped row, filler rows included.</summary>")
            .Line(HasDemux(spec)
                ? $"public {Tensor} Decode({Tensor} hidden) => head.forward(demux.forward(hidden));"
                : $"public {Tensor} Decode({Tensor} hidden) => head.forward(hidden);");
    }

    /// <summary>The mux constructor's arguments; the token muxes mix the projection (Mlp) or the first block's feature map (Cnn).</summary>
    private static string MuxArguments(ModelSpec spec)
    {
        var width = IsMlp(spec) ? "Hidden" : "Filters * (Height / 2) * (Width / 2)";
        return spec.Mux switch
        {
            MuxKind.Convolution => "N, Channels, Seed, LearnMux",
            MuxKind.GaussianHadamard => $"N, {width}, Seed, MuxNorm, LearnMux",
            MuxKind.Orthogonal or MuxKind.BinaryHadamard => $"N, {width}, Seed, LearnMux",
            MuxKind.None => $"N, {width}",
            _ => $"N, {width}, Seed",
        };
    }
}
