namespace MagentoCloud.Engine.Data;

/// <summary>The batches an order touches; their rows carry every column, in the embedded layout's order.</summary>
internal sealed class OrderBatches(InsertPipe pipe)
{
    public InsertBatch Quote { get; } = Full(pipe, "quote");
    public InsertBatch QuoteAddress { get; } = Full(pipe, "quote_address");
    public InsertBatch QuoteItem { get; } = Full(pipe, "quote_item");
    public InsertBatch QuotePayment { get; } = Full(pipe, "quote_payment");
    public InsertBatch Order { get; } = Full(pipe, "sales_order");
    public InsertBatch OrderItem { get; } = Full(pipe, "sales_order_item");
    public InsertBatch OrderAddress { get; } = Full(pipe, "sales_order_address");
    public InsertBatch OrderPayment { get; } = Full(pipe, "sales_order_payment");
    public InsertBatch History { get; } = Full(pipe, "sales_order_status_history");
    public InsertBatch OrderGrid { get; } = Full(pipe, "sales_order_grid");
    public InsertBatch InvoiceGrid { get; } = Full(pipe, "sales_invoice_grid");
    public InsertBatch ShipmentGrid { get; } = Full(pipe, "sales_shipment_grid");
    public InsertBatch CreditmemoGrid { get; } = Full(pipe, "sales_creditmemo_grid");
    public InsertBatch Sequence { get; } = Full(pipe, "sequence_order_1");

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in new[] { Quote, QuoteAddress, QuoteItem, QuotePayment, Order, OrderItem, OrderAddress, OrderPayment, History, OrderGrid, InvoiceGrid, ShipmentGrid, CreditmemoGrid, Sequence })
            await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static InsertBatch Full(InsertPipe pipe, string table) => new(pipe, table, MagentoSchema.Columns(table));
}
