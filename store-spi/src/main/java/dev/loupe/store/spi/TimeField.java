package dev.loupe.store.spi;

/** Which timestamp a scan's time range applies to. */
public enum TimeField {
    /** {@code _messagetime}, the default. */
    MESSAGE_TIME,
    /** {@code _receipttime} ("Use Receipt Time", {@code byReceiptTime=true}). */
    RECEIPT_TIME
}
