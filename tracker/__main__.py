from tracker.entry import main

main()
