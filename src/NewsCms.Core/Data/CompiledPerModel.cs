using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace NewsCms.Data;

// EF compiles a query against one model and refuses to run it with another. A site has one model
// (its database's), but the migrate verb holds a SQLite and a PostgreSQL context at once, and a
// test run may start hosts on both: each model gets a compilation of its own, made on first use.
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = new();

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
