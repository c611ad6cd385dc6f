using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Webhooks;

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> w)
    {
        w.Property(x => x.Url).HasMaxLength(FieldLimits.Url).IsRequired();
        w.Property(x => x.Events).HasMaxLength(FieldLimits.WebhookEvents).IsRequired();
        w.Property(x => x.Secret).HasMaxLength(100).IsRequired();
        w.Property(x => x.CreatedBy).HasMaxLength(FieldLimits.Actor);
        w.Property(x => x.LastError).HasMaxLength(FieldLimits.WebhookError);
        w.Ignore(x => x.EventList);
        w.HasIndex(x => x.IsActive);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> d)
    {
        d.Property(x => x.Event).HasMaxLength(50).IsRequired();
        d.Property(x => x.PayloadJson).IsRequired();
        d.Property(x => x.LastError).HasMaxLength(FieldLimits.WebhookError);
        d.Property(x => x.LastResponseBody).HasMaxLength(FieldLimits.WebhookResponse);
        d.HasOne(x => x.Subscription).WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // The sender's question: what is due and not done?
        d.HasIndex(x => new { x.DeliveredAt, x.AbandonedAt, x.NextAttemptAt });
        d.HasIndex(x => new { x.SubscriptionId, x.CreatedAt });
    }
}
