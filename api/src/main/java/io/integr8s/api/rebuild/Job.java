package io.integr8s.api.rebuild;

/** A claimed request this instance drives, one step per tick of the {@link RebuildWorker}. */
interface Job {

    /** Does the next step; false once the request is finished here (done, failed, cancelled or no longer ours). */
    boolean advance();

    /** Stops working on it and gives it back, so an instance started later resumes it. */
    void release();
}
