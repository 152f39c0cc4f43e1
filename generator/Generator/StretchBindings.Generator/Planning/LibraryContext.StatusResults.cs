using System;
using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// The exception of the integer status codes one message function describes
/// (<c>sb:status_result</c>, <c>sb:error_check</c>): <see cref="ValueType"/> is the message function's
/// parameter type; <see cref="ErrorFunction"/> is the predicate every function of the group checks with, if one.
/// </summary>
internal sealed record NamedStatusResult(string MessageFunction, string ExceptionName, string ValueType, string? ErrorFunction);

/// <summary>How one function's result is checked: the group it throws, and its error test or success values.</summary>
internal sealed record StatusResultRule(NamedStatusResult Group, string ValueType, string? SuccessValues, NativeFunction? ErrorFunction);

/// <summary>
/// Function status results: checked and named once, with the types, so that an annotation that cannot
/// apply is reported (SBG0025) and binds nothing rather than generating code that does not compile.
/// </summary>
internal sealed partial class LibraryContext
{
    private readonly Dictionary<string, NamedStatusResult> _statusResults = new(StringComparer.Ordinal);
    private readonly Dictionary<NativeFunction, StatusResultRule> _statusRules = new();

    /// <summary>The status result exceptions, by message function.</summary>
    public IEnumerable<NamedStatusResult> StatusResults => _statusResults.Values.OrderBy(s => s.MessageFunction, StringComparer.Ordinal);

    /// <summary>How the function's result is checked, or null when it is not a status result.</summary>
    public StatusResultRule? StatusRule(NativeFunction function) => _statusRules.TryGetValue(function, out StatusResultRule? rule) ? rule : null;

    private void NameStatusResults()
    {
        var pending = new List<(NativeFunction Function, NativeFunction Message, string ValueType, string? Success, NativeFunction? Error)>();
        foreach (NativeFunction function in Manifest.Functions)
        {
            NativeAnnotation? status = NativeAnnotationNames.Find(function.Annotations, NativeAnnotationNames.StatusResult);
            NativeAnnotation? check = NativeAnnotationNames.Find(function.Annotations, NativeAnnotationNames.ErrorCheck);
            NativeAnnotation? annotation = status ?? check;
            if (annotation is null || annotation.Arguments.Count != 2)
            {
                continue;
            }

            string? problem = StatusProblem(function, status is not null ? annotation.Arguments[0] : annotation.Arguments[1],
                status is null ? annotation.Arguments[0] : null, out NativeFunction? message, out NativeFunction? error, out string? valueType);
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.StatusNotApplied, function.Location, function.Name, annotation.Name, function.Name, problem);
                continue;
            }

            pending.Add((function, message!, valueType!, status?.Arguments[1], error));
        }

        // One exception per message function: the library's class name for the first, then the function's.
        bool first = true;
        foreach (IGrouping<string, (NativeFunction Function, NativeFunction Message, string ValueType, string? Success, NativeFunction? Error)> group in
                 pending.GroupBy(p => p.Message.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            NativeFunction message = group.First().Message;
            string stem = first ? Identifiers.ToPascalCase(Input.ClassName) : Identifiers.ToPascalCase(Input.ClassName) + Identifiers.ToPascalCase(message.Name);
            first = false;
            string exception = ClaimTypeName(stem + "Exception", "Type", $"the exception of the status codes '{message.Name}' describes", message.Location, message.Name);
            string? errorFunction = group.Select(p => p.Error?.Name).Distinct().Count() == 1 ? group.First().Error?.Name : null;
            var named = new NamedStatusResult(message.Name, exception, Types.Map(message.Parameters[0].Type, out _)!, errorFunction);
            _statusResults[message.Name] = named;
            foreach ((NativeFunction function, _, string valueType, string? success, NativeFunction? error) in group)
            {
                _statusRules[function] = new StatusResultRule(named, valueType, success, error);
            }
        }
    }

    // Why the annotation cannot apply, or null: the result, the message function and the predicate
    // must be bindable and of types a check between them compiles for.
    private string? StatusProblem(NativeFunction function, string messageName, string? errorName, out NativeFunction? message, out NativeFunction? error, out string? valueType)
    {
        message = FindFunction(messageName);
        error = errorName is null ? null : FindFunction(errorName);
        valueType = Types.Map(function.ReturnType, out _);
        if (!IsStatusType(function.ReturnType))
        {
            return $"its result '{function.ReturnType.Spelling}' is not an integer or an enum";
        }

        if (message is null || !IsMessageFunction(message) || LibraryPlanner.SkipReason(this, message) is not null || !IsStatusType(message.Parameters[0].Type))
        {
            return $"'{messageName}' is not a bindable function of the manifest that takes one integer or enum and returns a C string";
        }

        if (errorName is not null && (error is null || error.Parameters.Count != 1 || LibraryPlanner.SkipReason(this, error) is not null
            || Types.Map(error.Parameters[0].Type, out _) != valueType || !(error.ReturnType.Kind is NativeTypeKind.Int or NativeTypeKind.Bool)))
        {
            return $"'{errorName}' is not a bindable function of the manifest that takes one '{function.ReturnType.Spelling}' and returns an integer";
        }

        return null;
    }

    private bool IsStatusType(NativeType type) =>
        type.Kind == NativeTypeKind.Int ? IntegerTypes.Map(type) is not null : type.Kind == NativeTypeKind.Enum && TryGetEnum(type.Name, out _);
}
