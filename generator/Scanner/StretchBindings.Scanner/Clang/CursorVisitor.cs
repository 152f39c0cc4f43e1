using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Clang;

/// <summary>
/// Collects the direct children of a cursor through <c>clang_visitChildren</c>. The managed state
/// travels to the unmanaged callback as a <see cref="GCHandle"/>; an exception thrown by the filter
/// stops the visit and is rethrown on the managed side, because it must not unwind through libclang.
/// </summary>
internal static unsafe class CursorVisitor
{
    private sealed class VisitState(Func<CXCursor, bool>? keep)
    {
        public readonly List<CXCursor> Children = [];
        public readonly Func<CXCursor, bool>? Keep = keep;
        public Exception? Failure;
    }

    public static List<CXCursor> Children(CXCursor parent, Func<CXCursor, bool>? keep = null)
    {
        var state = new VisitState(keep);
        GCHandle handle = GCHandle.Alloc(state);
        try
        {
            LibClang.clang_visitChildren(parent, &VisitChild, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        if (state.Failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(state.Failure);
        }

        return state.Children;
    }

    /// <summary>
    /// Walks the tree under <paramref name="root"/>; <paramref name="visit"/> gets each cursor and
    /// its parent and says whether to go into the cursor's children.
    /// </summary>
    public static void Walk(CXCursor root, Func<CXCursor, CXCursor, CXChildVisitResult> visit)
    {
        var state = new WalkState(visit);
        GCHandle handle = GCHandle.Alloc(state);
        try
        {
            LibClang.clang_visitChildren(root, &WalkChild, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        if (state.Failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(state.Failure);
        }
    }

    private sealed class WalkState(Func<CXCursor, CXCursor, CXChildVisitResult> visit)
    {
        public readonly Func<CXCursor, CXCursor, CXChildVisitResult> Visit = visit;
        public Exception? Failure;
    }

    [UnmanagedCallersOnly]
    private static CXChildVisitResult WalkChild(CXCursor cursor, CXCursor parent, nint clientData)
    {
        var state = (WalkState)GCHandle.FromIntPtr(clientData).Target!;
        try
        {
            return state.Visit(cursor, parent);
        }
        catch (Exception exception)
        {
            state.Failure = exception;
            return CXChildVisitResult.Break;
        }
    }

    [UnmanagedCallersOnly]
    private static CXChildVisitResult VisitChild(CXCursor cursor, CXCursor parent, nint clientData)
    {
        var state = (VisitState)GCHandle.FromIntPtr(clientData).Target!;
        try
        {
            if (state.Keep is null || state.Keep(cursor))
            {
                state.Children.Add(cursor);
            }

            return CXChildVisitResult.Continue;
        }
        catch (Exception exception)
        {
            state.Failure = exception;
            return CXChildVisitResult.Break;
        }
    }
}
